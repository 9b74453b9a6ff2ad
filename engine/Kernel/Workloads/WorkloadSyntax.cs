namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// The fixed vocabulary and the limits of the workload language. Limits keep hostile input (deep nesting,
/// huge files, giant literals) to a clean <see cref="WorkloadParseException"/> instead of a stack overflow or
/// an out-of-memory.
/// </summary>
public static class WorkloadSyntax
{
    /// <summary>Deepest nesting of <c>repeat</c>/<c>for</c>/<c>if</c> blocks.</summary>
    public const int MaxBlockDepth = 32;

    /// <summary>Deepest nesting of parentheses and unary minus in one expression.</summary>
    public const int MaxExpressionDepth = 64;

    /// <summary>
    /// Most binary operators in one expression. Together with <see cref="MaxExpressionDepth"/> this bounds the
    /// depth of every expression tree, so walking one recursively can never exhaust the stack.
    /// </summary>
    public const int MaxExpressionOperators = 256;

    /// <summary>Largest script, in characters.</summary>
    public const int MaxSourceLength = 1 << 20;

    /// <summary>Longest path, argument or variable name, in characters.</summary>
    public const int MaxWordLength = 4096;

    /// <summary>The region symbols the kernel resolves from the process's mm (and <c>mmap</c>, the latest mapping).</summary>
    public static IReadOnlyList<string> RegionSymbols { get; } = ["text", "rodata", "data", "bss", "heap", "stack", "mmap"];

    /// <summary>Statement keywords, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> StatementKeywords { get; } =
    [
        "read", "touch", "write", "fetch", "malloc", "free", "brk", "sbrk", "mmap", "munmap", "mprotect",
        "madvise", "maps", "smaps", "fork", "exec", "exit", "wait", "yield", "sleep", "repeat", "for", "if",
    ];

    private static readonly HashSet<string> Reserved = new(
        [.. StatementKeywords, .. RegionSymbols, "end", "else", "in", "step", "child", "parent", "failed", "shared", "private",
         "file", "offset", "none"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> Regions = new(RegionSymbols, StringComparer.Ordinal);

    /// <summary>True for words a script cannot use as a variable name (keywords and region symbols).</summary>
    public static bool IsReserved(string name) => Reserved.Contains(name);

    /// <summary>True for <c>text data bss heap stack mmap</c>.</summary>
    public static bool IsRegion(string name) => Regions.Contains(name);

    /// <summary>True when <paramref name="name"/> is a well-formed identifier: an ASCII letter or <c>_</c>, then letters, digits or <c>_</c>.</summary>
    public static bool IsIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxWordLength || !IsIdentifierStart(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsIdentifierPart(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    internal static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is >= '0' and <= '9';
}
