using System.Diagnostics;

namespace VmQuest.Platform;

/// <summary>A monotonic clock: time since an arbitrary start. Tests supply a fake one to make loops deterministic.</summary>
public interface IClock
{
    /// <summary>Time elapsed since the clock's start; never decreases.</summary>
    TimeSpan Now { get; }
}

/// <summary>The real monotonic clock (<see cref="Stopwatch"/>), unaffected by wall-clock changes.</summary>
public sealed class StopwatchClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <inheritdoc/>
    public TimeSpan Now => Stopwatch.GetElapsedTime(_start);
}
