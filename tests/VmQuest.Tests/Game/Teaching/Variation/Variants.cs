using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Teaching.Variation;
using VmQuest.Tests.Game.Levels;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Teaching.Variation;

/// <summary>Makes variants of shipped levels in a scratch folder, as 'vmquest assign' does.</summary>
internal static class Variants
{
    public static string Shipped(string relative) => Path.Combine(ShippedLevels.Directory, relative);

    public static Level Original(string levelPath) => LevelLoader.Load(levelPath);

    public static Variant Make(string levelPath, string student, ScratchFolder folder, ulong teacherSeed = 0)
    {
        string text = File.ReadAllText(levelPath);
        var level = LevelLoader.Parse(text, levelPath);
        var reference = LevelSessions.PlayersOf(level).PlayReference(level).Metrics();
        return VariantBuilder.Build(level, text, reference, student, teacherSeed, Path.Combine(folder.Path, student), level.Id + ".yaml");
    }
}
