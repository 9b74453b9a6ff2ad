using System.Globalization;

namespace VmQuest.City.Inspection;

/// <summary>What kind of thing an inspection names.</summary>
public enum InspectKind
{
    /// <summary><c>pid N</c>: a process entity.</summary>
    Process,

    /// <summary><c>frame N</c>: a physical frame's entity.</summary>
    Frame,

    /// <summary><c>vma PID ADDR</c>: the VMA of process PID that holds ADDR.</summary>
    Vma,

    /// <summary><c>pte PID ADDR</c>: the leaf PTE entity mapping ADDR in process PID.</summary>
    Pte,

    /// <summary><c>entity ID</c>: whatever live entity has that raw id.</summary>
    Entity,
}

/// <summary>
/// One thing to inspect, as a person names it: <c>pid N</c>, <c>frame N</c>, <c>vma PID ADDR</c>, <c>pte PID ADDR</c>
/// or <c>entity ID</c>. Numbers are decimal or hex with <c>0x</c>.
/// </summary>
/// <param name="Kind">What is named.</param>
/// <param name="Number">The pid, frame number or raw entity id.</param>
/// <param name="Address">The virtual address (for <see cref="InspectKind.Vma"/> and <see cref="InspectKind.Pte"/>).</param>
public readonly record struct InspectTarget(InspectKind Kind, long Number, ulong Address = 0)
{
    /// <summary>The forms <see cref="TryParse"/> accepts, for usage messages.</summary>
    public const string Forms = "'pid N', 'frame N', 'vma PID ADDR', 'pte PID ADDR' or 'entity ID' (numbers decimal or 0x hex)";

    /// <summary>The target as typed, normalised: <c>vma 1 0x400000</c>.</summary>
    public string Title => Kind switch
    {
        InspectKind.Process => string.Create(CultureInfo.InvariantCulture, $"pid {Number}"),
        InspectKind.Frame => string.Create(CultureInfo.InvariantCulture, $"frame {Number}"),
        InspectKind.Vma => string.Create(CultureInfo.InvariantCulture, $"vma {Number} 0x{Address:x}"),
        InspectKind.Pte => string.Create(CultureInfo.InvariantCulture, $"pte {Number} 0x{Address:x}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"entity {Number}"),
    };

    /// <summary>Parses <paramref name="text"/> (words separated by spaces); false when it is none of <see cref="Forms"/>.</summary>
    public static bool TryParse(string text, out InspectTarget target)
    {
        ArgumentNullException.ThrowIfNull(text);
        target = default;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return false;
        }

        var kind = words[0].ToLowerInvariant() switch
        {
            "pid" => InspectKind.Process,
            "frame" => InspectKind.Frame,
            "vma" => InspectKind.Vma,
            "pte" => InspectKind.Pte,
            "entity" => InspectKind.Entity,
            _ => (InspectKind?)null,
        };
        if (kind is not { } k)
        {
            return false;
        }

        var needsAddress = k is InspectKind.Vma or InspectKind.Pte;
        if (words.Length != (needsAddress ? 3 : 2) || !TryNumber(words[1], out var number) || number > int.MaxValue && k != InspectKind.Frame)
        {
            return false;
        }

        var address = 0UL;
        if (needsAddress && !TryNumber(words[2], out address))
        {
            return false;
        }

        if (number > long.MaxValue)
        {
            return false;
        }

        target = new InspectTarget(k, (long)number, address);
        return true;
    }

    private static bool TryNumber(string word, out ulong value) =>
        word.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(word.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
