using System.Globalization;

namespace VmQuest.Play.ElfLayout;

/// <summary>The spellings of layout values in replay actions and on the panel (each one word).</summary>
public static class LayoutValues
{
    /// <summary>The source value of zero-filled (anonymous) pages.</summary>
    public const string Zero = "zero";

    /// <summary>The prefix of a file-backed source value.</summary>
    public const string FilePrefix = "file@";

    /// <summary><c>0x</c> and lowercase hex digits.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The source value of pages read from the file from <paramref name="offset"/>.</summary>
    public static string File(ulong offset) => FilePrefix + Hex(offset);

    /// <summary>Parses <c>0x</c> and hex digits (any case); false for anything else.</summary>
    public static bool TryParseHex(string text, out ulong value)
    {
        value = 0;
        return text.Length is > 2 and <= 18 && text.StartsWith("0x", StringComparison.Ordinal)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
