using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Play;

/// <summary>The levels shipped in content/levels of the source tree (the checked-in files, not a build's copy).</summary>
internal static class ShippedLevels
{
    public static string Directory { get; } = Find();

    public static Level Belady() => LevelResolver.Resolve(Path.Combine(Directory, "victim", "belady.yaml"));

    /// <summary>Every shipped level that loads (a level that does not load fails LevelsCommand's own tests).</summary>
    public static IEnumerable<Level> All() => LevelCatalog.Scan(Directory).Select(e => e.Level).OfType<Level>();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content", "levels");
            if (System.IO.Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "VmQuest.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("content/levels of the source tree not found above " + AppContext.BaseDirectory);
    }
}
