using VmQuest.Engine.Formats;
using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;

namespace VmQuest.Levels.Catalog;

/// <summary>
/// The one way a command takes a level: by id (looked up in the catalogue folder, <c>content/levels</c> by
/// default) or by the path of a level file. An argument is a path when it contains a <c>/</c>, ends in
/// <c>.yaml</c>/<c>.yml</c>, or names an existing file; otherwise it is an id.
/// </summary>
public static class LevelResolver
{
    /// <summary>Loads the level <paramref name="idOrPath"/> names.</summary>
    /// <param name="idOrPath">A level id or a level file's path.</param>
    /// <param name="directory">The catalogue to look ids up in; <see cref="LevelCatalog.DefaultDirectory"/> when null.</param>
    /// <exception cref="FormatParseException">The file is not a valid level, or no level has that id (one line).</exception>
    public static Level Resolve(string idOrPath, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(idOrPath);
        if (LooksLikePath(idOrPath))
        {
            return LevelLoader.Load(idOrPath);
        }

        directory ??= LevelCatalog.DefaultDirectory;
        var entries = LevelCatalog.Scan(directory);
        if (entries.FirstOrDefault(e => e.Level?.Id == idOrPath)?.Level is { } level)
        {
            return level;
        }

        int broken = entries.Count(e => e.Level is null);
        string known = string.Join(", ", entries.Where(e => e.Level is not null).Select(e => e.Level!.Id));
        throw new FormatParseException(idOrPath,
            $"no level with this id in {directory}" + (known.Length > 0 ? $" (levels: {known})" : " (it holds no levels)")
            + (broken > 0 ? $"; {broken} level file(s) there did not load: 'vmquest levels validate {directory}' says why" : ""));
    }

    /// <summary>Whether <paramref name="argument"/> is taken as a path rather than an id.</summary>
    public static bool LooksLikePath(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Contains('/', StringComparison.Ordinal) || argument.Contains('\\', StringComparison.Ordinal)
            || argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || File.Exists(argument);
    }
}
