namespace VmQuest.Replays;

/// <summary>
/// A solution file (DESIGN.md §7): everything <c>vmquest verify</c> needs to re-simulate a finished level and check
/// what it claims. The simulation is deterministic, so the level, the seed and the player's actions determine the
/// run; the state hashes let the verifier say at which tick a run diverged.
/// </summary>
/// <remarks>
/// Invariants (the reader enforces them, the writer assumes them): actions are in non-decreasing tick order;
/// state checkpoints are at increasing ticks that are multiples of <see cref="HashInterval"/>; metric names are
/// unique; every name and value is a single word (no white space), so the file stays one record per line.
/// </remarks>
/// <param name="FormatVersion">Version of this file format (<see cref="ReplayFormat.Version"/> when written).</param>
/// <param name="RulesVersion">Version of the simulation's rules the run was made under; a different one cannot verify.</param>
/// <param name="LevelId">The level's id.</param>
/// <param name="LevelVersion">The level's version.</param>
/// <param name="LevelHash">The level's content hash (<c>sha256:</c> and 64 hex digits).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="HashInterval">Ticks between state checkpoints.</param>
/// <param name="Claims">The metrics the run claims, in the level's order.</param>
/// <param name="Actions">Every player action, tick-stamped, in order.</param>
/// <param name="Checkpoints">The state hash every <paramref name="HashInterval"/> ticks.</param>
public sealed record ReplayFile(
    int FormatVersion,
    int RulesVersion,
    string LevelId,
    int LevelVersion,
    string LevelHash,
    ulong Seed,
    int HashInterval,
    IReadOnlyList<ClaimedMetric> Claims,
    IReadOnlyList<ReplayAction> Actions,
    IReadOnlyList<StateCheckpoint> Checkpoints);

/// <summary>One metric a replay claims.</summary>
/// <param name="Name">The metric's name as the level declares it (<c>cycles</c>, <c>faults</c>, …).</param>
/// <param name="Value">The claimed value (lower is better).</param>
public readonly record struct ClaimedMetric(string Name, long Value);

/// <summary>One player action: what the mechanic decided, at which tick; its meaning belongs to the mechanic.</summary>
/// <param name="Tick">The simulation tick the action entered at (the Input phase of that tick).</param>
/// <param name="Kind">The action's name, e.g. <c>victim</c>, <c>fault-action</c>.</param>
/// <param name="Arguments">Its arguments, in order, as <c>key=value</c> words.</param>
public sealed record ReplayAction(long Tick, string Kind, IReadOnlyList<KeyValuePair<string, string>> Arguments);

/// <summary>The simulation's state hash at a tick.</summary>
/// <param name="Tick">The tick after which the state was hashed.</param>
/// <param name="Hash">Lower-case hex, 16 to 64 digits.</param>
public readonly record struct StateCheckpoint(long Tick, string Hash);
