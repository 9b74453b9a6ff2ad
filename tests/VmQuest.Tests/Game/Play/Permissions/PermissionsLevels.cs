using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Play.Permissions;

/// <summary>The shipped permissions level and a session of it waiting at the given point.</summary>
internal static class PermissionsLevels
{
    public static Level LeastPrivilege() =>
        LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "permissions", "least-privilege.yaml"));
}
