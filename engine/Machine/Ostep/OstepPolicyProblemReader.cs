using System.Globalization;
using System.Text.RegularExpressions;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// Reads the text printed by OSTEP's <c>paging-policy.py</c> (run without <c>-c</c>). Recognised lines:
/// <c>ARG addresses 0,1,2</c> (or <c>-1</c>: generated), <c>ARG policy X</c>, <c>ARG cachesize N</c>, the sentence
/// <c>Assuming a replacement policy of X, and a cache of size N pages,</c> and one <c>Access: N …</c> line per
/// reference. The pages are the Access lines; without any, the <c>ARG addresses</c> list. Policy and cache size
/// come from the ARG lines or the sentence, which must agree. Other lines (other ARGs, prose) are skipped. Any
/// malformed or inconsistent line is an <see cref="InputFileException"/> naming it.
/// </summary>
public static partial class OstepPolicyProblemReader
{
    private static readonly string[] Answerable = ["FIFO", "LRU", "OPT", "UNOPT", "MRU"];

    /// <summary>True when <paramref name="text"/> looks like paging-policy.py output (an <c>ARG policy</c> line or its sentence).</summary>
    public static bool IsPolicyProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ReplaceLineEndings("\n").Split('\n').Any(l =>
            l.TrimStart().StartsWith("ARG policy", StringComparison.Ordinal) || l.TrimStart().StartsWith("Assuming a replacement policy", StringComparison.Ordinal));
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is used in error messages.</summary>
    public static OstepPolicyProblem Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        (string Value, int Line)? policy = null;
        (int Value, int Line)? cacheSize = null;
        (List<long> Pages, int Line)? listed = null;
        var accessed = new List<long>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var n = i + 1;
            if (line.StartsWith("ARG policy", StringComparison.Ordinal))
            {
                Agree(ref policy, (Word(line, "ARG policy".Length, n, file).ToUpperInvariant(), n), "policy", file);
            }
            else if (line.StartsWith("ARG cachesize", StringComparison.Ordinal))
            {
                Agree(ref cacheSize, (CacheSize(Word(line, "ARG cachesize".Length, n, file), n, file), n), "cache size", file);
            }
            else if (line.StartsWith("ARG addresses", StringComparison.Ordinal))
            {
                var value = line["ARG addresses".Length..].Trim();
                listed = value is "-1" or "" ? null : (Pages(value, n, file), n);
            }
            else if (line.StartsWith("Assuming a replacement policy", StringComparison.Ordinal))
            {
                var m = Assumption().Match(line);
                if (!m.Success)
                {
                    throw new InputFileException(file, n, $"expected 'Assuming a replacement policy of FIFO, and a cache of size 3 pages,', found '{line}'");
                }

                Agree(ref policy, (m.Groups["policy"].Value.ToUpperInvariant(), n), "policy", file);
                Agree(ref cacheSize, (CacheSize(m.Groups["size"].Value, n, file), n), "cache size", file);
            }
            else if (line.StartsWith("Access:", StringComparison.Ordinal))
            {
                var m = AccessLine().Match(line);
                if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page))
                {
                    throw new InputFileException(file, n, $"expected 'Access: N  Hit/Miss?  State of Memory?' with a page number N, found '{line}'");
                }

                if (accessed.Count == InputLimits.OstepPolicyReferences)
                {
                    throw new InputFileException(file, n, $"more than {InputLimits.OstepPolicyReferences:N0} 'Access:' lines, the limit for an OSTEP policy problem");
                }

                accessed.Add(page);
            }
        }

        if (policy is not { } p)
        {
            throw new InputFileException(file, 1, "missing the policy: expected an 'ARG policy X' line or 'Assuming a replacement policy of X, …'");
        }

        if (p.Value is "RAND" or "CLOCK")
        {
            throw new InputFileException(file, p.Line,
                $"policy {p.Value} draws from Python's random generator (random.seed / random.random), whose choices VmQuest cannot reproduce; it answers FIFO, LRU, OPT, UNOPT and MRU");
        }

        if (!Answerable.Contains(p.Value))
        {
            throw new InputFileException(file, p.Line, $"unknown policy '{p.Value}'; expected one of {string.Join(", ", Answerable)}");
        }

        if (cacheSize is not { } size)
        {
            throw new InputFileException(file, 1, "missing the cache size: expected an 'ARG cachesize N' line or 'Assuming … a cache of size N pages,'");
        }

        if (listed is { } l && accessed.Count > 0 && !l.Pages.SequenceEqual(accessed))
        {
            throw new InputFileException(file, l.Line, "the 'ARG addresses' list and the 'Access:' lines name different pages");
        }

        var pages = accessed.Count > 0 ? accessed : listed?.Pages ?? [];
        if (pages.Count == 0)
        {
            throw new InputFileException(file, lines.Length, "no page references: expected 'Access: N …' lines or an 'ARG addresses 1,2,3' list");
        }

        return new OstepPolicyProblem(p.Value, size.Value, pages);
    }

    private static void Agree<T>(ref (T Value, int Line)? seen, (T Value, int Line) found, string what, string file)
    {
        if (seen is { } earlier && !EqualityComparer<T>.Default.Equals(earlier.Value, found.Value))
        {
            throw new InputFileException(file, found.Line, $"the {what} '{found.Value}' disagrees with '{earlier.Value}' on line {earlier.Line}");
        }

        seen ??= found;
    }

    private static string Word(string line, int start, int n, string file)
    {
        var value = line[start..].Trim();
        return value.Length > 0 && !value.Contains(' ', StringComparison.Ordinal)
            ? value
            : throw new InputFileException(file, n, $"expected one value after '{line[..start]}', found '{value}'");
    }

    private static int CacheSize(string text, int n, string file) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= InputLimits.OstepPolicyCacheSize
            ? size
            : throw new InputFileException(file, n, $"the cache size must be a whole number of pages from 1 to {InputLimits.OstepPolicyCacheSize}, not '{text}'");

    private static List<long> Pages(string text, int n, string file)
    {
        var pages = new List<long>();
        foreach (var part in text.Split(','))
        {
            if (!long.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page))
            {
                throw new InputFileException(file, n, $"expected 'ARG addresses' to be -1 or page numbers separated by commas, found '{part.Trim()}'");
            }

            if (pages.Count == InputLimits.OstepPolicyReferences)
            {
                throw new InputFileException(file, n, $"more than {InputLimits.OstepPolicyReferences:N0} pages in 'ARG addresses', the limit for an OSTEP policy problem");
            }

            pages.Add(page);
        }

        return pages;
    }

    [GeneratedRegex(@"^Assuming a replacement policy of\s+(?<policy>\w+)\s*,\s*and a cache of size\s+(?<size>\S+)\s+pages")]
    private static partial Regex Assumption();

    [GeneratedRegex(@"^Access:\s*(\d+)(\s|$)")]
    private static partial Regex AccessLine();
}
