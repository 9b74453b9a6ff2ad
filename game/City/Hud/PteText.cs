using System.Text;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.City.Hud;

/// <summary>Turns a PTE's decoded bits into the short words the tooltips and boards show ("P RW US A D NX COW").</summary>
public static class PteText
{
    private static readonly string[] PermissionWords = BuildPermissionWords();

    /// <summary>The set flags of <paramref name="bits"/> as words, in hardware bit order; "-" when none.</summary>
    public static string Describe(PteBits bits)
    {
        var text = new StringBuilder();
        Append(text, bits, PteBits.Present, "P");
        Append(text, bits, PteBits.Writable, "RW");
        Append(text, bits, PteBits.User, "US");
        Append(text, bits, PteBits.Accessed, "A");
        Append(text, bits, PteBits.Dirty, "D");
        Append(text, bits, PteBits.Pat, "PAT");
        Append(text, bits, PteBits.Global, "G");
        Append(text, bits, PteBits.Huge, "PS");
        Append(text, bits, PteBits.NoExecute, "NX");
        Append(text, bits, PteBits.Swap, "SWAP");
        return text.Length == 0 ? "-" : text.ToString();
    }

    /// <summary>The <c>rwxp</c> column for VMA permissions bits 0–7 and shared flag, without allocating.</summary>
    public static string Permissions(int rwx, bool shared) => PermissionWords[(rwx & 7) | (shared ? 8 : 0)];

    private static void Append(StringBuilder text, PteBits bits, PteBits flag, string word)
    {
        if ((bits & flag) != 0)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(word);
        }
    }

    private static string[] BuildPermissionWords()
    {
        var words = new string[16];
        for (var i = 0; i < 16; i++)
        {
            words[i] = string.Concat((i & 1) != 0 ? "r" : "-", (i & 2) != 0 ? "w" : "-", (i & 4) != 0 ? "x" : "-", (i & 8) != 0 ? "s" : "p");
        }

        return words;
    }
}
