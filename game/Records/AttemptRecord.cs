namespace VmQuest.Records;

/// <summary>
/// One finished attempt at a level, as the game (or <c>vmquest verify --record</c>) hands it to
/// <see cref="RecordsStore.AddAttempt"/>. A plain value: the store copies what it keeps.
/// </summary>
/// <param name="LevelId">The level's id (1–200 characters, no control characters).</param>
/// <param name="LevelVersion">The level file's version (≥ 0).</param>
/// <param name="LevelHash">The level hash (hex SHA-256 of its canonical form); attempts are compared only within one hash.</param>
/// <param name="RulesVersion">The simulation's rules version the attempt ran under (≥ 0).</param>
/// <param name="FinishedUtc">When the goal was reached; stored as UTC to the millisecond.</param>
/// <param name="Seed">The seed the level ran with (stored as its 64-bit two's-complement pattern).</param>
/// <param name="Metrics">The level's 1–16 named metrics, in the level's order, names distinct.</param>
/// <param name="Times">Cycles, real time and load-removed time of the attempt.</param>
/// <param name="Verified">True when the result was re-simulated from its replay and matched.</param>
/// <param name="Replay">The replay file's bytes, or null (or empty) when none was saved; none for a lost attempt.</param>
/// <param name="Won">Whether every goal held. Lost attempts are counted but are never personal bests.</param>
/// <param name="Timed">
/// Whether real and load-removed time were measured (by the game's clocks). False for a result re-simulated from
/// a replay (<c>vmquest verify --record</c>): its wall-clock figures are unknown, must be 0, and are never best times.
/// </param>
public sealed record AttemptRecord(
    string LevelId,
    int LevelVersion,
    string LevelHash,
    int RulesVersion,
    DateTimeOffset FinishedUtc,
    ulong Seed,
    IReadOnlyList<MetricValue> Metrics,
    SpeedrunTimes Times,
    bool Verified,
    ReadOnlyMemory<byte>? Replay = null,
    bool Won = true,
    bool Timed = true)
{
    /// <summary>Most metrics an attempt may carry (a level declares 3–4).</summary>
    public const int MaxMetrics = 16;

    /// <summary>The value of the metric named <paramref name="name"/>, or null when the attempt has none.</summary>
    public long? Metric(string name)
    {
        foreach (var metric in Metrics)
        {
            if (metric.Name == name)
            {
                return metric.Value;
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a field breaks the invariants above.</summary>
    public void Validate()
    {
        RecordNames.ValidateText(LevelId, nameof(LevelId));
        RecordNames.ValidateText(LevelHash, nameof(LevelHash), 128);
        ArgumentOutOfRangeException.ThrowIfNegative(LevelVersion);
        ArgumentOutOfRangeException.ThrowIfNegative(RulesVersion);
        ArgumentNullException.ThrowIfNull(Metrics);
        if (Metrics.Count is 0 or > MaxMetrics)
        {
            throw new ArgumentException($"an attempt has 1 to {MaxMetrics} metrics, not {Metrics.Count}", nameof(Metrics));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in Metrics)
        {
            RecordNames.ValidateMetricName(metric.Name);
            if (!seen.Add(metric.Name))
            {
                throw new ArgumentException($"metric '{metric.Name}' is given twice", nameof(Metrics));
            }
        }

        Times.Validate();
        if (!Won && Replay is { Length: > 0 })
        {
            throw new ArgumentException("a lost attempt has no replay: only wins are solutions", nameof(Replay));
        }

        if (!Timed && (Times.RealMs != 0 || Times.LoadRemovedMs != 0))
        {
            throw new ArgumentException("an untimed attempt has no real or load-removed time (both 0)", nameof(Times));
        }
    }
}
