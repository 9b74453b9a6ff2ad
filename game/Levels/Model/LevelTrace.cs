namespace VmQuest.Levels.Model;

/// <summary>How a trace file is written.</summary>
public enum LevelTraceFormat
{
    /// <summary>A reference string: one page number per line (<c>vmquest trace --format refs</c>).</summary>
    Refs,

    /// <summary>A valgrind lackey trace (<c>valgrind --tool=lackey --trace-mem=yes</c>).</summary>
    Lackey,
}

/// <summary>
/// A reference stream the level runs through one process with demand paging (victim and policy levels).
/// Invariant: either <see cref="File"/> (with <see cref="Format"/>) or <see cref="Generator"/> (with
/// <see cref="Seed"/>) is set, never both.
/// </summary>
/// <param name="Name">A slug, unique among the level's traces; goals name traces by it.</param>
/// <param name="File">The trace file, already checked to parse.</param>
/// <param name="Format">The file's format.</param>
/// <param name="Generator">The generator's parameters.</param>
/// <param name="Seed">The generator's seed.</param>
public sealed record LevelTrace(string Name, LevelFile? File, LevelTraceFormat Format, TraceGeneratorSpec? Generator, ulong Seed)
{
    /// <summary>The file names of <see cref="LevelTraceFormat"/>, in its order.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = ["refs", "lackey"];
}
