using VmQuest.Engine.Formats;
using VmQuest.Levels;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;

namespace VmQuest.Levels.Catalog;

/// <summary>One level file found in a folder: the level, or the one-line problem that kept it from loading.</summary>
/// <param name="Path">The file, as found (the folder as named, joined with its place below it).</param>
/// <param name="Level">The level, when it loaded.</param>
/// <param name="Problem">The one-line error (as printed after <c>vmquest: </c>), when it did not.</param>
public sealed record LevelCatalogEntry(string Path, Level? Level, string? Problem);

/// <summary>
/// The levels of a folder: every <c>*.yaml</c> file below it (recursively; symbolic links to folders are not
/// followed, so a link loop cannot trap the scan), in ordinal order of their paths, except files that a level
/// of the folder uses (a machine file beside its level).
/// </summary>
public static class LevelCatalog
{
    /// <summary>Where the shipped levels are: <c>content/levels</c> beside the executable (copied there at build time).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "content", "levels");

    /// <summary>The level files below <paramref name="directory"/>, sorted; empty when it does not exist.</summary>
    /// <exception cref="FormatParseException">More than <paramref name="maxEntries"/> files and folders lie below it.</exception>
    public static IReadOnlyList<string> Files(string directory, int maxEntries = LevelLimits.FolderEntries)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden,
            IgnoreInaccessible = true,
            MatchCasing = MatchCasing.CaseSensitive,
        };
        // Bounded: `levels validate /` must not walk a whole file system. Every entry seen counts, not only YAML.
        var found = new List<string>();
        long seen = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", options))
        {
            if (++seen > maxEntries)
            {
                throw new FormatParseException(directory,
                    $"more than {maxEntries:N0} files and folders below it, the limit for a folder of levels; name a smaller folder");
            }

            if (entry.EndsWith(".yaml", StringComparison.Ordinal) && File.Exists(entry))
            {
                found.Add(entry);
            }
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }

    /// <summary>Loads every level file below <paramref name="directory"/>; a file that fails is an entry with its problem.</summary>
    public static IReadOnlyList<LevelCatalogEntry> Scan(string directory)
    {
        var entries = Files(directory).Select(Load).ToList();
        // A machine file beside a level is YAML too, but not a level: a file some level uses is no entry of its own.
        var used = entries.Select(e => e.Level).OfType<Level>()
            .SelectMany(l => l.Files.Append(l.Solution).OfType<LevelFile>()).Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
        entries.RemoveAll(e => used.Contains(LevelFolder.RealPath(Path.GetFullPath(e.Path))));
        // Two files with one id would make "play ID" ambiguous: the later one is refused.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].Level is not { } level)
            {
                continue;
            }

            if (seen.TryGetValue(level.Id, out string? first))
            {
                entries[i] = entries[i] with { Level = null, Problem = $"{OneLine.Escape(entries[i].Path)}: the level id '{level.Id}' is already used by {OneLine.Escape(first)}" };
            }
            else
            {
                seen[level.Id] = entries[i].Path;
            }
        }

        return entries;
    }

    /// <summary>Loads one file, turning bad input into the entry's problem.</summary>
    public static LevelCatalogEntry Load(string path)
    {
        try
        {
            return new LevelCatalogEntry(path, LevelLoader.Load(path), null);
        }
        catch (FormatParseException e)
        {
            return new LevelCatalogEntry(path, null, e.Message);
        }
    }
}
