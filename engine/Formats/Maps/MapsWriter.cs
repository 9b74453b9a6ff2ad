using System.Globalization;
using System.Text;

namespace VmQuest.Engine.Formats.Maps;

/// <summary>
/// Writes entries in the exact byte layout of Linux's <c>show_map_vma</c>, so output can be diffed against a real
/// <c>/proc/PID/maps</c>: addresses and offset as at-least-8-digit lower-case hex, device as two-digit hex, the
/// prefix padded to 72 columns and one space before a name, and an unnamed line ending in a single space.
/// </summary>
public static class MapsWriter
{
    /// <summary>Width the kernel pads the prefix to before the name (<c>25 + 6 * sizeof(void*) - 1</c>).</summary>
    public const int NameColumn = 72;

    /// <summary>Formats one entry without a trailing newline.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The line.</returns>
    public static string FormatLine(MapsEntry entry)
    {
        var sb = new StringBuilder(NameColumn + 1 + entry.Path.Length);
        Append(sb, entry);
        return sb.ToString();
    }

    /// <summary>Writes every entry, each followed by <c>\n</c>.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="entries">Entries in address order.</param>
    public static void Write(TextWriter writer, IEnumerable<MapsEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder(128);
        foreach (var e in entries)
        {
            sb.Clear();
            Append(sb, e);
            sb.Append('\n');
            writer.Write(sb);
        }
    }

    /// <summary>Formats every entry as one string, each line ending in <c>\n</c>.</summary>
    /// <param name="entries">Entries in address order.</param>
    /// <returns>The text.</returns>
    public static string Format(IEnumerable<MapsEntry> entries)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(w, entries);
        return w.ToString();
    }

    private static void Append(StringBuilder sb, MapsEntry e)
    {
        var inv = CultureInfo.InvariantCulture;
        int begin = sb.Length;
        sb.Append(e.Start.ToString("x8", inv)).Append('-').Append(e.End.ToString("x8", inv)).Append(' ')
          .Append(e.PermissionString).Append(' ')
          .Append(e.Offset.ToString("x8", inv)).Append(' ')
          .Append(e.DeviceString).Append(' ')
          .Append(e.Inode.ToString(inv)).Append(' ');
        if (e.Path.Length == 0)
        {
            return;
        }

        int used = sb.Length - begin;
        if (used < NameColumn)
        {
            sb.Append(' ', NameColumn - used);
        }

        sb.Append(' ').Append(e.Path);
    }
}
