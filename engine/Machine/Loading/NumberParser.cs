using System.Globalization;

namespace VmQuest.Engine.Machine.Loading;

/// <summary>
/// Parses the integers people write in machine files and on the command line: <c>0x1f</c>, <c>31</c>,
/// <c>0b11111</c>, with optional <c>_</c> separators, and sizes with a unit (<c>4KiB</c>, <c>4k</c>, <c>64MiB</c>,
/// <c>1g</c>, <c>1TiB</c>; units are powers of 1024). Never throws; returns false on anything else.
/// </summary>
public static class NumberParser
{
    /// <summary>Parses an unsigned integer in hex (0x), binary (0b) or decimal.</summary>
    public static bool TryParse(string? text, out ulong value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return s.Length > 2 && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (s.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            return s.Length > 2 && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value);
        }

        return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Parses a byte size: a number optionally followed by B, k/KB/KiB, m/MB/MiB, g/GB/GiB, t/TB/TiB or p/PB/PiB (all
    /// ×1024ⁿ, as in every size VmQuest reads); false when the product does not fit in 64 bits.
    /// </summary>
    public static bool TryParseSize(string? text, out ulong bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string s = text.Trim();
        int end = s.Length;
        while (end > 0 && char.IsLetter(s[end - 1]) && !(s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)))
        {
            end--;
        }

        string unit = s[end..].Trim().ToUpperInvariant();
        int power = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 1,
            "M" or "MB" or "MIB" => 2,
            "G" or "GB" or "GIB" => 3,
            "T" or "TB" or "TIB" => 4,
            "P" or "PB" or "PIB" => 5,
            _ => -1,
        };
        if (power < 0 || !TryParse(s[..end].Trim(), out ulong n))
        {
            return false;
        }

        ulong scale = 1UL << (10 * power);
        if (n > ulong.MaxValue / scale)
        {
            return false;
        }

        bytes = n * scale;
        return true;
    }
}
