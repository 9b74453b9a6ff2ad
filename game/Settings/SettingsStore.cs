using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Formats.Output;

namespace VmQuest.Settings;

/// <summary>
/// The player's settings as kept on disk: read once when the game starts, written atomically
/// (<see cref="AtomicFile"/>) each time the player changes one.
/// </summary>
/// <remarks>
/// A missing file means the defaults, silently. A file that cannot be read or does not parse gives the defaults
/// and one line in <see cref="Problem"/> (<c>FILE:LINE:COL: …</c>), and is left as it is until the player changes a
/// setting: then it is replaced by a correct one. Without a data directory (no path) the
/// settings live only as long as the game.
/// </remarks>
public sealed class SettingsStore
{
    private readonly string? _path;

    private SettingsStore(string? path, GameSettings current, string? problem)
    {
        _path = path;
        Current = current;
        Problem = problem;
    }

    /// <summary>The settings in use.</summary>
    public GameSettings Current { get; private set; }

    /// <summary>Why the file was not used or could not be written (one line), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The settings file, or null when the settings are not kept.</summary>
    public string? Path => _path;

    /// <summary>The settings file inside <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, SettingsFile.FileName);

    /// <summary>Reads <paramref name="path"/> (null: settings that are not kept, with <paramref name="problem"/> saying why).</summary>
    public static SettingsStore Open(string? path, string? problem = null)
    {
        if (path is null || InputFile.Probe(path) == InputFileKind.Missing)
        {
            return new SettingsStore(path, GameSettings.Default, problem);
        }

        try
        {
            var text = InputFile.ReadAllText(path, SettingsFile.MaxBytes, "settings file");
            return new SettingsStore(path, SettingsFile.Parse(path, text), null);
        }
        catch (FormatParseException e)
        {
            return new SettingsStore(path, GameSettings.Default, e.Message + "; using the defaults until you change a setting");
        }
    }

    /// <summary>Makes <paramref name="settings"/> current and writes them; a failed write is kept in <see cref="Problem"/>.</summary>
    public void Change(GameSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Current = settings;
        if (_path is null)
        {
            return;
        }

        try
        {
            AtomicFile.WriteAllText(_path, SettingsFile.Format(settings));
            Problem = null;
        }
        catch (OutputFileException e)
        {
            Problem = e.Message;
        }
    }
}
