using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Formats.Lackey;

/// <summary>Parses one lackey line from bytes, allocation-free except when building an error.</summary>
internal static class LackeyLineParser
{
    private const string AccessLine = "an access line \"I|L|S|M address,size\" or a valgrind \"==pid==\" line";

    /// <summary>Valgrind's own output starts in column 1 with <c>==</c>, <c>--</c> or <c>**</c> around the pid.</summary>
    internal static bool IsValgrindLine(ReadOnlySpan<byte> line) =>
        line.Length >= 2 && line[0] == line[1] && (line[0] == (byte)'=' || line[0] == (byte)'-' || line[0] == (byte)'*');

    /// <summary>Parses <paramref name="raw"/>; false for lines to skip, true with the access otherwise.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> raw, LackeyTraceReader reader, out LackeyAccess access)
    {
        access = default;
        var line = raw.Length > 0 && raw[^1] == (byte)'\r' ? raw[..^1] : raw;
        int i = 0;
        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        if (i == line.Length || IsValgrindLine(line))
        {
            return false;
        }

        LackeyAccessKind kind = line[i] switch
        {
            (byte)'I' => LackeyAccessKind.Instruction,
            (byte)'L' => LackeyAccessKind.Load,
            (byte)'S' => LackeyAccessKind.Store,
            (byte)'M' => LackeyAccessKind.Modify,
            _ => throw Error(reader, line, i, AccessLine),
        };
        i++;
        if (i >= line.Length || line[i] != (byte)' ')
        {
            throw Error(reader, line, i, "a space after the access letter");
        }

        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        int hexStart = i;
        ulong address = 0;
        while (i < line.Length)
        {
            uint d = HexValue(line[i]);
            if (d > 15)
            {
                break;
            }

            if (i - hexStart == 16)
            {
                throw Error(reader, line, hexStart, "a hex address of at most 16 digits");
            }

            address = (address << 4) | d;
            i++;
        }

        if (i == hexStart)
        {
            throw Error(reader, line, i, "a hex address");
        }

        if (i >= line.Length || line[i] != (byte)',')
        {
            throw Error(reader, line, i, "',' between address and size");
        }

        i++;
        int decStart = i;
        ulong size = 0;
        while (i < line.Length && (uint)(line[i] - '0') <= 9)
        {
            size = (size * 10) + (uint)(line[i] - '0');
            if (size > uint.MaxValue)
            {
                throw Error(reader, line, decStart, "a decimal size that fits in 32 bits");
            }

            i++;
        }

        if (i == decStart)
        {
            throw Error(reader, line, i, "a decimal size");
        }

        if (size == 0)
        {
            throw Error(reader, line, decStart, "a size of at least 1 byte");
        }

        if (size > InputLimits.LackeyAccessBytes)
        {
            // Valgrind never emits an access this large; without the limit one line could touch 2^20 pages.
            throw Error(reader, line, decStart, "a size of at most " + InputLimits.LackeyAccessBytes.ToString(CultureInfo.InvariantCulture)
                + " bytes (valgrind's accesses are at most a few hundred bytes)");
        }

        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        if (i != line.Length)
        {
            throw Error(reader, line, i, "end of line after the size");
        }

        if (size - 1 > ulong.MaxValue - address)
        {
            throw Error(reader, line, hexStart, "an access that ends at or below address ffffffffffffffff");
        }

        access = new LackeyAccess(kind, address, (uint)size);
        return true;
    }

    private static uint HexValue(byte b)
    {
        uint d = (uint)(b - '0');
        if (d <= 9)
        {
            return d;
        }

        d = (uint)((b | 0x20) - 'a');
        return d <= 5 ? d + 10 : 16;
    }

    private static FormatParseException Error(LackeyTraceReader reader, ReadOnlySpan<byte> line, int index, string expected) =>
        new(reader.FileName, reader.LineNumber, index + 1, expected, Encoding.UTF8.GetString(line[index..]));
}
