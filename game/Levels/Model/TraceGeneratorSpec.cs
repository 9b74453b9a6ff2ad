namespace VmQuest.Levels.Model;

/// <summary>The shapes of reference string the trace generator makes (see <c>Traces.TraceGenerator</c>).</summary>
public enum TraceGeneratorKind
{
    /// <summary>Every reference is a page drawn uniformly from all pages: no locality for a policy to use.</summary>
    Uniform,

    /// <summary>Pages 0, 1, …, pages−1 over and over (LRU's worst case), some references replaced by noise.</summary>
    Looping,

    /// <summary>Most references fall in a small hot set, the rest anywhere; the hot set may move in phases.</summary>
    Locality,
}

/// <summary>
/// A seeded generator's parameters (everything but the seed, which a trace gives and the verifier picks for
/// hidden tests). Invariants: 1 ≤ <see cref="Length"/> ≤ 1,000,000; 1 ≤ <see cref="Pages"/> ≤ 65,536; percents
/// in 0..100; 1 ≤ <see cref="HotPages"/> ≤ <see cref="Pages"/>; <see cref="PhaseLength"/> ≥ 0 (0 = the hot set never moves).
/// </summary>
/// <param name="Kind">The shape.</param>
/// <param name="Length">How many references.</param>
/// <param name="Pages">How many distinct pages may be referenced (pages 0 to pages−1).</param>
/// <param name="WritePercent">Chance, in percent, that a reference is a write (dirty pages); default 0.</param>
/// <param name="HotPages">Locality: size of the hot set; default max(1, pages/4). Ignored by other kinds.</param>
/// <param name="HotPercent">Locality: chance, in percent, that a reference is in the hot set; default 80.</param>
/// <param name="PhaseLength">Locality: references after which the hot set moves on by its size; default 0.</param>
/// <param name="NoisePercent">Looping: chance, in percent, that a reference is a uniform random page instead; default 0.</param>
public sealed record TraceGeneratorSpec(
    TraceGeneratorKind Kind, int Length, int Pages, int WritePercent, int HotPages, int HotPercent, int PhaseLength, int NoisePercent)
{
    /// <summary>The file names of <see cref="TraceGeneratorKind"/>, in its order.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["uniform", "looping", "locality"];

    /// <summary>Most references a generator may make.</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>Most distinct pages a generator may use.</summary>
    public const int MaxPages = 65_536;
}
