namespace VmQuest.Engine.Formats.Input;

/// <summary>
/// Every limit the readers of user-named files enforce, in one place (listed for users in
/// <c>docs/input-limits.md</c>). Each is checked while reading, before the data it guards is allocated, so a
/// hostile or mistaken input costs at most about the limit in memory and time, and gets one line that names it.
/// </summary>
/// <remarks>
/// The values are far above what real inputs need (the reason is given with each), so only broken or hostile
/// files reach them. A format that streams (lackey traces, reference strings) has a line-length limit but no
/// total size limit; a format read whole has a total size limit.
/// </remarks>
public static class InputLimits
{
    /// <summary>One kibibyte.</summary>
    public const int KiB = 1024;

    /// <summary>One mebibyte.</summary>
    public const int MiB = 1024 * KiB;

    /// <summary>
    /// Longest line of a valgrind lackey trace: access lines are under 40 bytes; valgrind's own <c>==pid==</c> lines
    /// (which are skipped) may be longer, and only their first 64 KiB are looked at.
    /// </summary>
    public const int LackeyLineBytes = 64 * KiB;

    /// <summary>
    /// Largest single access a lackey line may describe. Valgrind splits memory operations into accesses of at most
    /// a few hundred bytes (an AVX-512 <c>xsave</c>, the largest, is under 3 KiB); without a limit a 30-byte line
    /// of size 4294967295 would touch 2^20 pages.
    /// </summary>
    public const int LackeyAccessBytes = 4 * KiB;

    /// <summary>Longest line of a reference string (a page number and a comment).</summary>
    public const int ReferenceStringLineBytes = 4 * KiB;

    /// <summary>Longest line of a <c>/proc/PID/maps</c> file: about 75 bytes of fields plus a path of at most PATH_MAX (4096) bytes and <c> (deleted)</c>.</summary>
    public const int MapsLineBytes = 8 * KiB;

    /// <summary>Most entries of a maps file: Linux's default <c>vm.max_map_count</c>, so no real process has more.</summary>
    public const int MapsEntries = 65_530;

    /// <summary>Largest maps file: 65,530 entries of about 500 bytes each; real ones are well under 10 MiB.</summary>
    public const int MapsFileBytes = 32 * MiB;

    /// <summary>Largest workload script (the language's own limit, <c>WorkloadSyntax.MaxSourceLength</c>, in characters).</summary>
    public const int WorkloadFileBytes = 1 * MiB;

    /// <summary>Largest machine description (YAML); the built-in ones are under 4 KiB.</summary>
    public const int MachineFileBytes = 1 * MiB;

    /// <summary>
    /// Most physical frames a machine file may declare (16 GiB of 4 KiB pages): every frame costs the simulation
    /// memory up front, and 2^22 frames boot in under a second within a few hundred MB.
    /// </summary>
    public const ulong MachineFrames = 1UL << 22;

    /// <summary>Deepest nesting of YAML collections (a machine file needs 4: a mapping in a list in a mapping); deeper input is refused before it is built, so it cannot exhaust the stack.</summary>
    public const int YamlDepth = 32;

    /// <summary>Most YAML aliases (<c>*name</c>) in one file: enough for sharing a few flag lists, far too few for an alias bomb ("billion laughs").</summary>
    public const int YamlAliases = 64;

    /// <summary>Most YAML nodes (scalars, mappings, sequences, aliases) in one file.</summary>
    public const int YamlNodes = 100_000;

    /// <summary>
    /// Largest OSTEP homework file: <c>paging-linear-translate.py -a 1g -P 4k</c> prints 262,144 table lines of
    /// about 30 bytes (8 MiB); the multilevel and policy simulators print a few KiB.
    /// </summary>
    public const int OstepFileBytes = 16 * MiB;

    /// <summary>Most page-table entries of an OSTEP linear problem (2^22: an address space of 4 GiB in pages of 1 KiB).</summary>
    public const int OstepLinearEntries = 1 << 22;

    /// <summary>
    /// Most physical frames of an OSTEP linear problem, counting the frames its page table needs (each frame costs
    /// the solver memory up front; the homework's defaults use 16).
    /// </summary>
    public const ulong OstepPhysicalFrames = 1UL << 20;

    /// <summary>
    /// Most page references of an OSTEP policy problem (the homework's default is 10). OPT, as the homework computes
    /// it, looks ahead over the rest of the string for every page in the cache at every miss: 4,000 references and a
    /// cache of 100 take about a second.
    /// </summary>
    public const int OstepPolicyReferences = 4_000;

    /// <summary>Largest cache of an OSTEP policy problem, in pages (the homework's default is 3).</summary>
    public const int OstepPolicyCacheSize = 100;

    /// <summary>
    /// Shows a byte count the way the limits are documented: <c>64 KiB</c>, <c>1 MiB</c>, <c>16 GiB</c>, or <c>100 bytes</c>.
    /// </summary>
    /// <param name="bytes">A non-negative byte count.</param>
    /// <returns>The count with the largest binary unit that divides it exactly.</returns>
    public static string Describe(long bytes) =>
        bytes >= 1L << 40 && bytes % (1L << 40) == 0 ? FormattableString.Invariant($"{bytes >> 40} TiB")
        : bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? FormattableString.Invariant($"{bytes >> 30} GiB")
        : bytes >= MiB && bytes % MiB == 0 ? FormattableString.Invariant($"{bytes / MiB} MiB")
        : bytes >= KiB && bytes % KiB == 0 ? FormattableString.Invariant($"{bytes / KiB} KiB")
        : bytes == 1 ? "1 byte"
        : FormattableString.Invariant($"{bytes:N0} bytes");
}
