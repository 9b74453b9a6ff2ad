using System.Globalization;
using System.Text.RegularExpressions;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// Reads the text printed by OSTEP's <c>paging-linear-translate.py</c> or <c>paging-multilevel-translate.py</c>
/// (run without <c>-c</c>). Recognised lines: <c>ARG key value</c>; linear: the page-table section (entries as
/// <c>0x8000000c</c>, or <c>[   3]  0x8000000c</c> with <c>-v</c>) and <c>VA 0x… (decimal: …) --&gt; …</c>;
/// multilevel: <c>page N: xx xx …</c>, <c>PDBR: N</c> and <c>Virtual Address xxxx: …</c>. Other prose is skipped.
/// Any malformed line or inconsistent size is an <see cref="InputFileException"/> naming the line.
/// </summary>
public static partial class OstepProblemReader
{
    /// <summary>Multilevel homework geometry (fixed by the simulator).</summary>
    public const int MultilevelPageSize = 32, MultilevelFrames = 128, MultilevelVaBits = 15;

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is used in error messages.</summary>
    public static OstepProblem Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        bool multilevel = lines.Any(l => l.StartsWith("PDBR", StringComparison.Ordinal) || PageLine().IsMatch(l));
        bool linear = lines.Any(l => l.TrimStart().StartsWith("Page Table", StringComparison.Ordinal));
        if (multilevel == linear)
        {
            throw new InputFileException(file, 1, multilevel
                ? "has both a linear 'Page Table' section and a multilevel page dump; expected one problem"
                : "not an OSTEP paging problem: expected the output of paging-linear-translate.py (a 'Page Table' section) or paging-multilevel-translate.py ('page N:' lines and 'PDBR:')");
        }

        return linear ? ReadLinear(lines, file) : ReadMultilevel(lines, file);
    }

    private static OstepProblem ReadLinear(string[] lines, string file)
    {
        var args = new Dictionary<string, (ulong Value, int Line)>(StringComparer.Ordinal);
        var table = new List<uint>();
        var questions = new List<OstepQuestion>();
        bool inTable = false;
        int tableLine = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int n = i + 1;
            if (line.StartsWith("ARG ", StringComparison.Ordinal))
            {
                ReadLinearArg(line, n, file, args);
            }
            else if (line.StartsWith("Page Table", StringComparison.Ordinal))
            {
                inTable = true;
                tableLine = n;
            }
            else if (line.StartsWith("Virtual Address Trace", StringComparison.Ordinal) || (line.Length == 0 && table.Count > 0))
            {
                inTable = false;
            }
            else if (inTable && line.Length > 0)
            {
                var m = TableEntry().Match(line);
                if (!m.Success || !uint.TryParse(m.Groups["hex"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint entry))
                {
                    throw new InputFileException(file, n, $"expected a 32-bit page-table entry like '0x8000000c' or '[       3]   0x8000000c', found '{line}'");
                }

                if (m.Groups["vpn"].Success && m.Groups["vpn"].Value != table.Count.ToString(CultureInfo.InvariantCulture))
                {
                    throw new InputFileException(file, n, $"expected entry [{table.Count}] next, found [{m.Groups["vpn"].Value}]");
                }

                table.Add(entry);
            }
            else if (line.StartsWith("VA ", StringComparison.Ordinal))
            {
                questions.Add(ReadLinearVa(line, n, file));
            }
        }

        ulong asize = RequiredArg(args, "address space size", file);
        ulong psize = RequiredArg(args, "phys mem size", file);
        ulong page = RequiredArg(args, "page size", file);
        foreach (var (key, (value, line)) in args)
        {
            if (value == 0 || (value & (value - 1)) != 0)
            {
                throw new InputFileException(file, line, $"'{key}' must be a power of two, not {value}");
            }
        }

        if (page >= asize || page > psize)
        {
            throw new InputFileException(file, args["page size"].Line, $"page size {page} must be smaller than the address space ({asize}) and at most physical memory ({psize})");
        }

        if (asize / page > InputLimits.OstepLinearEntries)
        {
            throw new InputFileException(file, args["address space size"].Line, string.Create(CultureInfo.InvariantCulture,
                $"an address space of {asize / page:N0} pages; expected at most {InputLimits.OstepLinearEntries:N0} page-table entries"));
        }

        ulong frames = (psize / page) + ((4 * (asize / page)) + page - 1) / page;
        if (frames > InputLimits.OstepPhysicalFrames)
        {
            throw new InputFileException(file, args["phys mem size"].Line, string.Create(CultureInfo.InvariantCulture,
                $"physical memory and page table need {frames:N0} frames of {page} bytes; expected at most {InputLimits.OstepPhysicalFrames:N0}"));
        }

        if ((ulong)table.Count != asize / page)
        {
            throw new InputFileException(file, tableLine, $"expected {asize / page} page-table entries (address space {asize} / page {page}), found {table.Count}");
        }

        return new OstepProblem(OstepProblemKind.Linear, asize, psize, page, table, [], 0, questions);
    }

    private static OstepProblem ReadMultilevel(string[] lines, string file)
    {
        var memory = new byte[MultilevelPageSize * MultilevelFrames];
        var seen = new bool[MultilevelFrames];
        var questions = new List<OstepQuestion>();
        ulong? pdbr = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            int n = i + 1;
            if (line.StartsWith("page", StringComparison.Ordinal))
            {
                ReadPage(line, n, file, memory, seen);
            }
            else if (line.StartsWith("PDBR", StringComparison.Ordinal))
            {
                var m = Pdbr().Match(line);
                if (!m.Success || !ulong.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out ulong value) || value >= MultilevelFrames)
                {
                    throw new InputFileException(file, n, $"expected 'PDBR: N  (decimal)' with N below {MultilevelFrames}, found '{line}'");
                }

                pdbr = value;
            }
            else if (line.StartsWith("Virtual Address", StringComparison.Ordinal))
            {
                var m = MultilevelVa().Match(line);
                if (!m.Success || !ulong.TryParse(m.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong va))
                {
                    throw new InputFileException(file, n, $"expected 'Virtual Address 611c: Translates To What Physical Address …', found '{line}'");
                }

                questions.Add(new OstepQuestion(va, n));
            }
            else if (line.StartsWith("ARG ", StringComparison.Ordinal) && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3)
            {
                throw new InputFileException(file, n, $"expected 'ARG name value', found '{line}'");
            }
        }

        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new InputFileException(file, lines.Length, $"the memory dump has no 'page {missing}:' line; expected all {MultilevelFrames} pages");
        }

        if (pdbr is null)
        {
            throw new InputFileException(file, lines.Length, "missing the 'PDBR: N  (decimal)' line");
        }

        return new OstepProblem(OstepProblemKind.Multilevel, 1UL << MultilevelVaBits, (ulong)memory.Length,
            MultilevelPageSize, [], memory, pdbr.Value, questions);
    }

    private static void ReadPage(string line, int n, string file, byte[] memory, bool[] seen)
    {
        var m = PageLine().Match(line);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out int page) || page >= MultilevelFrames)
        {
            throw new InputFileException(file, n, $"expected 'page N: ' with N below {MultilevelFrames} and {MultilevelPageSize} hex bytes, found '{line}'");
        }

        byte[]? bytes = MachineImageYamlReader.ParseHex(m.Groups[2].Value);
        if (bytes is null || bytes.Length != MultilevelPageSize)
        {
            throw new InputFileException(file, n, $"page {page}: expected {MultilevelPageSize} hex bytes like '1b 1d 05 …', found {(bytes is null ? "malformed hex" : $"{bytes.Length} bytes")}");
        }

        if (seen[page])
        {
            throw new InputFileException(file, n, $"page {page} appears twice in the memory dump");
        }

        seen[page] = true;
        bytes.CopyTo(memory, page * MultilevelPageSize);
    }

    private static void ReadLinearArg(string line, int n, string file, Dictionary<string, (ulong, int)> args)
    {
        foreach (string key in new[] { "address space size", "phys mem size", "page size" })
        {
            if (line.StartsWith("ARG " + key + " ", StringComparison.Ordinal))
            {
                string value = line[("ARG " + key).Length..].Trim();
                if (!NumberParser.TryParseSize(value, out ulong bytes))
                {
                    throw new InputFileException(file, n, $"'{key}' must be a size like 16k, 1m or 4096, not '{value}'");
                }

                args[key] = (bytes, n);
            }
        }
    }

    private static ulong RequiredArg(Dictionary<string, (ulong Value, int Line)> args, string key, string file) =>
        args.TryGetValue(key, out var v) ? v.Value : throw new InputFileException(file, 1, $"missing the 'ARG {key} …' line");

    private static OstepQuestion ReadLinearVa(string line, int n, string file)
    {
        var m = LinearVa().Match(line);
        if (!m.Success
            || !ulong.TryParse(m.Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong va)
            || !ulong.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out ulong dec))
        {
            throw new InputFileException(file, n, $"expected 'VA 0x00003229 (decimal:    12841) --> PA or invalid address?', found '{line}'");
        }

        return va == dec ? new OstepQuestion(va, n)
            : throw new InputFileException(file, n, $"VA 0x{va:x} and its decimal {dec} disagree");
    }

    [GeneratedRegex(@"^\s*(?:\[\s*(?<vpn>\d+)\]\s*)?0x(?<hex>[0-9a-fA-F]{1,8})\s*$")]
    private static partial Regex TableEntry();

    [GeneratedRegex(@"^VA\s+0x([0-9a-fA-F]+)\s+\(decimal:\s*(\d+)\)\s*-->")]
    private static partial Regex LinearVa();

    [GeneratedRegex(@"^page\s+(\d+)\s*:\s*([0-9a-fA-F\s]*)$")]
    private static partial Regex PageLine();

    [GeneratedRegex(@"^PDBR:\s*(\d+)\b")]
    private static partial Regex Pdbr();

    [GeneratedRegex(@"^Virtual Address\s+(?:0x)?([0-9a-fA-F]+)\s*:")]
    private static partial Regex MultilevelVa();
}
