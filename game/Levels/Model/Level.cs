namespace VmQuest.Levels.Model;

/// <summary>
/// A validated level (docs/levels.md): everything the mechanics, screens, replays and records need, with every
/// default filled in and every file it uses already read and confined to its folder.
/// </summary>
/// <remarks>
/// Invariants (all enforced by <c>LevelLoader</c>): <see cref="Id"/> is a slug; <see cref="Version"/> ≥ 1;
/// names of processes and traces are unique slugs; every goal names an existing process or trace; 3 or 4
/// metrics, none twice; at least one optimum, each for one of the metrics; <see cref="HiddenTests"/> is set
/// exactly when the player writes the policy; every <see cref="LevelFile"/> lies inside <see cref="Folder"/>.
/// </remarks>
/// <param name="Id">The level's id (a slug), unique in a catalogue; replays and records name the level by it.</param>
/// <param name="Version">Bumped by the author when the level changes.</param>
/// <param name="Title">The title.</param>
/// <param name="Briefing">The briefing: the concept in a few sentences.</param>
/// <param name="Hint">A hint.</param>
/// <param name="Machine">The machine.</param>
/// <param name="Frames">Most frames user pages may hold at once (page tables are extra); null = all of memory.</param>
/// <param name="Kernel">The kernel's options.</param>
/// <param name="Processes">Processes started in this order.</param>
/// <param name="Traces">Reference streams, run in this order.</param>
/// <param name="Player">The player's decisions.</param>
/// <param name="Goals">What must hold to win, in file order.</param>
/// <param name="Metrics">The metrics with pars, in file order.</param>
/// <param name="Optimum">The optimum of one or more metrics.</param>
/// <param name="HiddenTests">Hidden tests (policy levels only).</param>
/// <param name="Solution">The reference solution's replay, when the level names one.</param>
/// <param name="SourcePath">The level file as it was named (for messages).</param>
/// <param name="Folder">The level's folder, resolved (links followed): files may only come from inside it.</param>
/// <param name="Files">Every file the level uses except the solution, sorted by relative path, each once.</param>
/// <param name="Hash">The level hash: lowercase hex SHA-256 of <see cref="CanonicalForm"/>.</param>
/// <param name="CanonicalForm">The canonical form the hash is taken over (docs/levels.md, "The level hash").</param>
public sealed record Level(
    string Id,
    int Version,
    LocalizedText Title,
    LocalizedText Briefing,
    LocalizedText Hint,
    LevelMachine Machine,
    int? Frames,
    LevelKernel Kernel,
    IReadOnlyList<LevelProcess> Processes,
    IReadOnlyList<LevelTrace> Traces,
    LevelPlayer Player,
    IReadOnlyList<LevelGoal> Goals,
    IReadOnlyList<LevelMetric> Metrics,
    IReadOnlyList<LevelOptimum> Optimum,
    LevelHiddenTests? HiddenTests,
    LevelFile? Solution,
    string SourcePath,
    string Folder,
    IReadOnlyList<LevelFile> Files,
    string Hash,
    string CanonicalForm)
{
    /// <summary>The par of <paramref name="kind"/>, or null when the level does not measure it.</summary>
    public long? ParOf(MetricKind kind) => Metrics.FirstOrDefault(m => m.Kind == kind)?.Par;

    /// <summary>The process called <paramref name="name"/>, or null.</summary>
    public LevelProcess? Process(string name) => Processes.FirstOrDefault(p => p.Name == name);
}
