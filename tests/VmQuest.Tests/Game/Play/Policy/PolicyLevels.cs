using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Play.Policy;

/// <summary>The shipped policy level, and fixed hidden seeds for tests that must know the outcome.</summary>
internal static class PolicyLevels
{
    public static Level Aging() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "policy", "aging.yaml"));

    public static VmQuest.Play.Policy.FixedHiddenTestSeeds Seeds { get; } = new(11, 22, 33, 44, 55, 66, 77, 88);
}
