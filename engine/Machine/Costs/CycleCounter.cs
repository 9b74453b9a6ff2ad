namespace VmQuest.Engine.Machine.Costs;

/// <summary>
/// The game's in-game clock: a monotonically increasing count of simulated cycles. Only ever advanced by
/// non-negative integer amounts taken from a <see cref="CostTable"/>, so the same inputs give the same count.
/// </summary>
public sealed class CycleCounter
{
    /// <summary>Cycles elapsed since the machine booted.</summary>
    public long Cycles { get; private set; }

    /// <summary>Advances the clock; a negative amount is rejected. The count saturates at <see cref="long.MaxValue"/>, never wraps.</summary>
    public void Advance(long cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cycles);
        Cycles = cycles > long.MaxValue - Cycles ? long.MaxValue : Cycles + cycles;
    }
}
