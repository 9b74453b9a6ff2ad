using VmQuest.Platform;

namespace VmQuest.Speedrun;

/// <summary>
/// One run's timer across its levels, retries included (a campaign run is one timer with one split per level).
/// Real time runs from <see cref="Start"/> to the last split whatever happens; load-removed time stops while the
/// player is in a menu, briefing, results screen or loading (<see cref="EnterLoad"/> … <see cref="LeaveLoad"/>).
/// </summary>
/// <remarks>
/// Invariants: load-removed time never exceeds real time; both never decrease; a split's figures are
/// cumulative from the start; calls that make no sense in the current state (a split before the start, a second
/// <see cref="EnterLoad"/>) are ignored rather than corrupting the figures, because they come from screen
/// transitions the player drives.
/// </remarks>
public sealed class SpeedrunClock
{
    private readonly IClock _clock;
    private readonly List<ISpeedrunListener> _listeners = [];
    private readonly List<SplitTime> _splits = [];
    private TimeSpan _startedAt;
    private TimeSpan _loadStartedAt;
    private TimeSpan _loadTotal;
    private TimeSpan _finishedRealTime;
    private TimeSpan _finishedLoadRemovedTime;

    /// <summary>Creates a clock reading <paramref name="clock"/> (the game passes the real monotonic clock).</summary>
    public SpeedrunClock(IClock clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Where the run is.</summary>
    public SpeedrunState State { get; private set; } = SpeedrunState.NotStarted;

    /// <summary>True while load-removed time is stopped (a menu, briefing, results screen or loading).</summary>
    public bool InLoad { get; private set; }

    /// <summary>The splits so far, cumulative, in order.</summary>
    public IReadOnlyList<SplitTime> Splits => _splits;

    /// <summary>Adds a listener; it hears every later event.</summary>
    public void Subscribe(ISpeedrunListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _listeners.Add(listener);
    }

    /// <summary>Real time so far (frozen once the run finished).</summary>
    public TimeSpan RealTime => State switch
    {
        SpeedrunState.Running => _clock.Now - _startedAt,
        SpeedrunState.Finished => _finishedRealTime,
        _ => TimeSpan.Zero,
    };

    /// <summary>Load-removed time so far (frozen once the run finished).</summary>
    public TimeSpan LoadRemovedTime => State switch
    {
        SpeedrunState.Running => RealTime - _loadTotal - (InLoad ? _clock.Now - _loadStartedAt : TimeSpan.Zero),
        SpeedrunState.Finished => _finishedLoadRemovedTime,
        _ => TimeSpan.Zero,
    };

    /// <summary>Starts the run at the player's first input. Ignored unless the run has not started.</summary>
    public void Start()
    {
        if (State != SpeedrunState.NotStarted)
        {
            return;
        }

        _startedAt = _clock.Now;
        State = SpeedrunState.Running;
        foreach (var listener in _listeners)
        {
            listener.Started();
        }
    }

    /// <summary>The player left gameplay (menu, briefing, results, loading): load-removed time stops.</summary>
    public void EnterLoad()
    {
        if (State != SpeedrunState.Running || InLoad)
        {
            return;
        }

        InLoad = true;
        _loadStartedAt = _clock.Now;
        foreach (var listener in _listeners)
        {
            listener.LoadStarted();
        }
    }

    /// <summary>Gameplay resumed: load-removed time runs again.</summary>
    public void LeaveLoad()
    {
        if (State != SpeedrunState.Running || !InLoad)
        {
            return;
        }

        InLoad = false;
        _loadTotal += _clock.Now - _loadStartedAt;
        foreach (var listener in _listeners)
        {
            listener.LoadEnded();
        }
    }

    /// <summary>
    /// Ends a segment (a level reached its goal) with the run's cumulative cycles so far. The last of
    /// <paramref name="segments"/> splits finishes the run.
    /// </summary>
    /// <returns>The split's figures, or <c>null</c> when the run is not running.</returns>
    public SplitTime? Split(long cumulativeCycles, int segments)
    {
        if (State != SpeedrunState.Running)
        {
            return null;
        }

        var split = new SplitTime(cumulativeCycles, RealTime, LoadRemovedTime);
        _splits.Add(split);
        if (_splits.Count >= segments)
        {
            if (InLoad)
            {
                LeaveLoad();
            }

            _finishedRealTime = split.RealTime;
            _finishedLoadRemovedTime = split.LoadRemovedTime;
            State = SpeedrunState.Finished;
        }

        foreach (var listener in _listeners)
        {
            listener.Split(_splits.Count - 1, split);
        }

        return split;
    }

    /// <summary>Abandons the run; the clock is ready for a new one.</summary>
    public void Reset()
    {
        if (State == SpeedrunState.NotStarted)
        {
            return;
        }

        State = SpeedrunState.NotStarted;
        InLoad = false;
        _loadTotal = TimeSpan.Zero;
        _splits.Clear();
        foreach (var listener in _listeners)
        {
            listener.Reset();
        }
    }
}
