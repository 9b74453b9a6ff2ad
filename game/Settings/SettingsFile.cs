using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Platform;

namespace VmQuest.Settings;

/// <summary>
/// The settings file, <c>settings.conf</c> in the data directory: one <c>key = value</c> a line (<c>language</c>,
/// <c>palette</c>, <c>scale</c>, <c>speed</c>, <c>unlock-all</c>), <c>#</c> starts a comment, blank lines are ignored, a missing key
/// keeps its default. Small enough to edit by hand; strict, so a typo is reported rather than silently ignored.
/// </summary>
public static class SettingsFile
{
    /// <summary>The file's name inside the data directory.</summary>
    public const string FileName = "settings.conf";

    /// <summary>The largest settings file read (a real one is about 150 bytes).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The text of <paramref name="settings"/> as the game writes it.</summary>
    public static string Format(GameSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder();
        text.Append("# VmQuest settings, written by the game (vmquest play → Settings). One key = value a line.\n");
        text.Append(CultureInfo.InvariantCulture, $"language = {settings.Language}\n");
        text.Append(CultureInfo.InvariantCulture, $"palette = {settings.Palette.Id}\n");
        text.Append(CultureInfo.InvariantCulture, $"scale = {settings.ScalePercent}\n");
        text.Append(CultureInfo.InvariantCulture, $"speed = {GameSettings.SpeedName(settings.Speed)}\n");
        if (settings.UnlockAll)
        {
            // Written only when on, so the files of players who never touched it stay as they were.
            text.Append("unlock-all = yes\n");
        }

        return text.ToString();
    }

    /// <summary>Reads settings from <paramref name="text"/> (the contents of <paramref name="file"/>).</summary>
    /// <exception cref="FormatParseException">A line is not <c>key = value</c>, a key is unknown or repeated, or a value is not allowed (one line, <c>FILE:LINE:COL: …</c>).</exception>
    public static GameSettings Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var settings = GameSettings.Default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var number = index + 1;
            var content = line.TrimStart();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            var column = line.Length - content.Length + 1;
            var equals = content.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatParseException(file, number, column, "key = value (language, palette, scale, speed or unlock-all)", content);
            }

            var key = content[..equals].Trim();
            var value = content[(equals + 1)..].Trim();
            var valueColumn = column + equals + 1 + (content[(equals + 1)..].Length - content[(equals + 1)..].TrimStart().Length);
            if (!seen.Add(key))
            {
                throw new FormatParseException(file, number, column, $"each key once; '{key}' was already set above", key);
            }

            settings = key switch
            {
                "language" => settings with { Language = OneOf(file, number, valueColumn, "language", value, GameSettings.Languages) },
                "palette" => settings with { Palette = PaletteScheme.Find(OneOf(file, number, valueColumn, "palette", value, [.. PaletteScheme.All.Select(s => s.Id)]))! },
                "scale" => settings with { ScalePercent = Scale(file, number, valueColumn, value) },
                "speed" => settings with { Speed = Speed(file, number, valueColumn, value) },
                "unlock-all" => settings with { UnlockAll = OneOf(file, number, valueColumn, "unlock-all", value, ["yes", "no"]) == "yes" },
                _ => throw new FormatParseException(file, number, column, "a key: language, palette, scale, speed or unlock-all", key),
            };
        }

        return settings;
    }

    private static string OneOf(string file, long line, int column, string key, string value, IReadOnlyList<string> allowed) =>
        allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new FormatParseException(file, line, column, $"{key}: one of {string.Join(", ", allowed)}", value);

    private static int Scale(string file, long line, int column, string value)
    {
        var digits = value.EndsWith('%') ? value[..^1].TrimEnd() : value;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && GameSettings.Scales.Contains(percent))
        {
            return percent;
        }

        throw new FormatParseException(file, line, column, $"scale: a percentage, one of {string.Join(", ", GameSettings.Scales)}", value);
    }

    private static SimulationSpeed Speed(string file, long line, int column, string value)
    {
        foreach (var speed in GameSettings.Speeds)
        {
            if (GameSettings.SpeedName(speed) == value)
            {
                return speed;
            }
        }

        throw new FormatParseException(file, line, column, "speed: one of normal, fast, max", value);
    }
}
