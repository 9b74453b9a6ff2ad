using System.Globalization;
using System.Text.RegularExpressions;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Randomness;

namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// Reads the text printed by OSTEP's <c>paging-policy.py</c> (run without <c>-c</c>). Recognised lines:
/// <c>ARG addresses 0,1,2</c> (or <c>-1</c>: generated), <c>ARG policy X</c>, <c>ARG cachesize N</c>, the sentence
/// <c>Assuming a replacement policy of X, and a cache of size N pages,</c> and one <c>Access: N …</c> line per
/// reference. The pages are the Access lines; without any, the <c>ARG addresses</c> list, or, with
/// <c>ARG addresses -1</c>, the pages the seed generates (<c>int(maxpage * random.random())</c>, <c>numaddrs</c>
/// times). Policy and cache size come from the ARG lines or the sentence, which must agree. <c>ARG seed</c>,
/// <c>ARG numaddrs</c>, <c>ARG maxpage</c>, <c>ARG clockbits</c> and <c>ARG addressfile</c> say which draws the
/// simulator made; when it generated the pages, the Access lines must be what the seed generates. Other lines
/// (other ARGs, prose) are skipped. Any malformed or inconsistent line is an <see cref="InputFileException"/>
/// naming it.
/// </summary>
public static partial class OstepPolicyProblemReader
{
    private static readonly string[] Answerable = ["FIFO", "LRU", "OPT", "UNOPT", "MRU", "RAND", "CLOCK"];

    // The largest maxpage whose product with random() a double holds exactly enough to reproduce int(maxpage * r).
    private const long MaxPage = 1L << 40;

    /// <summary>True when <paramref name="text"/> looks like paging-policy.py output (an <c>ARG policy</c> line or its sentence).</summary>
    public static bool IsPolicyProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ReplaceLineEndings("\n").Split('\n').Any(l =>
            l.TrimStart().StartsWith("ARG policy", StringComparison.Ordinal) || l.TrimStart().StartsWith("Assuming a replacement policy", StringComparison.Ordinal));
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> is used in error messages.</summary>
    public static OstepPolicyProblem Read(string text, string file) => Read(text, file, null);

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="seed"/> (the user's <c>--seed</c>), when given, replaces the
    /// file's <c>ARG seed</c>.
    /// </summary>
    public static OstepPolicyProblem Read(string text, string file, long? seed)
    {
        ArgumentNullException.ThrowIfNull(text);
        (long Value, int Line)? fileSeed = null;
        (int Value, int Line)? numAddresses = null;
        (long Value, int Line)? maxPage = null;
        int clockBits = 2;
        bool generated = false, fromFile = false;
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
            else if (line.StartsWith("ARG addressfile", StringComparison.Ordinal))
            {
                fromFile = line["ARG addressfile".Length..].Trim().Length > 0;
            }
            else if (line.StartsWith("ARG addresses", StringComparison.Ordinal))
            {
                var value = line["ARG addresses".Length..].Trim();
                generated = value is "-1";
                listed = value is "-1" or "" ? null : (Pages(value, n, file), n);
            }
            else if (line.StartsWith("ARG seed", StringComparison.Ordinal))
            {
                fileSeed = (Whole(Word(line, "ARG seed".Length, n, file), long.MinValue + 1, long.MaxValue, "the seed", n, file), n);
            }
            else if (line.StartsWith("ARG numaddrs", StringComparison.Ordinal))
            {
                numAddresses = ((int)Whole(Word(line, "ARG numaddrs".Length, n, file), 0, InputLimits.OstepPolicyReferences, "numaddrs", n, file), n);
            }
            else if (line.StartsWith("ARG maxpage", StringComparison.Ordinal))
            {
                maxPage = (Whole(Word(line, "ARG maxpage".Length, n, file), 0, MaxPage, "maxpage", n, file), n);
            }
            else if (line.StartsWith("ARG clockbits", StringComparison.Ordinal))
            {
                clockBits = (int)Whole(Word(line, "ARG clockbits".Length, n, file), 0, 1 << 20, "clockbits", n, file);
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

        long? usedSeed = seed ?? fileSeed?.Value;
        generated &= !fromFile;
        var pages = accessed.Count > 0 ? accessed : listed?.Pages ?? [];
        int draws = 0;
        if (generated && numAddresses is { } count && maxPage is { } max && usedSeed is { } s)
        {
            // The simulator drew the pages first: replay those draws, and check them against the Access lines.
            var random = new PythonRandom(s);
            var made = Enumerable.Range(0, count.Value).Select(_ => PythonRandom.FloorTimes(max.Value, random.Random53())).ToList();
            if (accessed.Count > 0 && !made.SequenceEqual(accessed))
            {
                var where = seed is null ? $"'ARG seed {s}'" : $"--seed {s}";
                throw new InputFileException(file, fileSeed?.Line ?? count.Line,
                    $"the 'Access:' lines are not the {count.Value} pages {where} generates (numaddrs {count.Value}, maxpage {max.Value}): the seed or the pages were changed");
            }

            pages = accessed.Count > 0 ? accessed : made;
            draws = count.Value;
        }

        if (pages.Count == 0)
        {
            throw new InputFileException(file, lines.Length, "no page references: expected 'Access: N …' lines or an 'ARG addresses 1,2,3' list");
        }

        if (p.Value is "RAND" or "CLOCK" && usedSeed is null)
        {
            throw new InputFileException(file, p.Line,
                $"policy {p.Value} draws from Python's random generator, so its answers depend on the seed: expected an 'ARG seed N' line (paging-policy.py prints one) or --seed N");
        }

        if (p.Value is "RAND" or "CLOCK" && generated && draws == 0)
        {
            throw new InputFileException(file, p.Line,
                $"policy {p.Value}: the pages were generated ('ARG addresses -1'), so the draws before the first victim depend on 'ARG numaddrs N' and 'ARG maxpage N', which are missing");
        }

        return new OstepPolicyProblem(p.Value, size.Value, pages) { Seed = usedSeed, DrawsBeforeSolving = draws, ClockBits = clockBits };
    }

    private static long Whole(string text, long min, long max, string what, int n, string file)
    {
        var ok = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max;
        return ok ? value : throw new InputFileException(file, n, $"{what} must be a whole number from {min:N0} to {max:N0}, not '{text}'");
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
