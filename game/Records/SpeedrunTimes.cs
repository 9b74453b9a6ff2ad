namespace VmQuest.Records;

/// <summary>
/// The three speedrun figures of a run or a segment: cycles (the simulation's own clock), real time (wall clock
/// from the first input to the goal, pauses included) and load-removed time (real time less menus, briefings,
/// results and loading). Invariant: none is negative, and <see cref="LoadRemovedMs"/> ≤ <see cref="RealMs"/>.
/// </summary>
public readonly record struct SpeedrunTimes(long Cycles, long RealMs, long LoadRemovedMs)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the invariant holds.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Cycles);
        ArgumentOutOfRangeException.ThrowIfNegative(RealMs);
        ArgumentOutOfRangeException.ThrowIfNegative(LoadRemovedMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(LoadRemovedMs, RealMs);
    }

    /// <summary>The figure that <paramref name="timing"/> names.</summary>
    public long Of(TimingMethod timing) => timing switch
    {
        TimingMethod.RealTime => RealMs,
        TimingMethod.LoadRemoved => LoadRemovedMs,
        TimingMethod.Cycles => Cycles,
        _ => throw new ArgumentOutOfRangeException(nameof(timing)),
    };

    /// <summary>The figure-by-figure sum (cumulative split times).</summary>
    public static SpeedrunTimes operator +(SpeedrunTimes a, SpeedrunTimes b) =>
        new(checked(a.Cycles + b.Cycles), checked(a.RealMs + b.RealMs), checked(a.LoadRemovedMs + b.LoadRemovedMs));

    /// <summary>The same as <c>+</c>, for languages without operators.</summary>
    public static SpeedrunTimes Add(SpeedrunTimes left, SpeedrunTimes right) => left + right;
}
