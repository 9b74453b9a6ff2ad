namespace VmQuest.Platform;

/// <summary>
/// Advances a simulation in fixed ticks independent of the frame rate. Call <see cref="Advance"/> once per
/// frame; it runs the ticks real time calls for at the current <see cref="Speed"/> and returns.
/// </summary>
/// <remarks>
/// <para>Guarantees: at <see cref="SimulationSpeed.Normal"/> N tick-durations of real time give N ticks
/// (4N at <see cref="SimulationSpeed.Fast"/>), carried across frames without drift; paused gives none; each
/// <see cref="Step"/> gives exactly one.</para>
/// <para>The loop never blocks the frame on the simulation: one <see cref="Advance"/> stops starting ticks once
/// <see cref="FrameBudget"/> has passed (at least one tick runs if any is due). At <see cref="SimulationSpeed.Max"/>
/// it fills the budget; at the timed speeds a backlog the budget cannot absorb is dropped, so a slow simulation
/// runs slower than real time instead of freezing the window. A long gap between frames (a debugger, a
/// dragged window) counts as at most <see cref="MaxFrameGap"/>.</para>
/// </remarks>
public sealed class FixedStepLoop
{
    private readonly Action _tick;
    private readonly IClock _clock;
    private TimeSpan _lastFrame;
    private TimeSpan _accumulator;
    private int _pendingSteps;
    private SimulationSpeed _speed = SimulationSpeed.Paused;

    /// <summary>Creates a paused loop.</summary>
    /// <param name="tick">Advances the simulation by one tick.</param>
    /// <param name="clock">The time source (<see cref="StopwatchClock"/> in the game).</param>
    /// <param name="tickDuration">Real time one tick represents at <see cref="SimulationSpeed.Normal"/>.</param>
    /// <param name="frameBudget">Longest time one <see cref="Advance"/> may keep starting ticks.</param>
    public FixedStepLoop(Action tick, IClock clock, TimeSpan tickDuration, TimeSpan frameBudget)
    {
        ArgumentNullException.ThrowIfNull(tick);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameBudget, TimeSpan.Zero);
        _tick = tick;
        _clock = clock;
        TickDuration = tickDuration;
        FrameBudget = frameBudget;
        _lastFrame = _clock.Now;
    }

    /// <summary>Real time one tick represents at <see cref="SimulationSpeed.Normal"/>.</summary>
    public TimeSpan TickDuration { get; }

    /// <summary>Longest time one <see cref="Advance"/> keeps starting ticks.</summary>
    public TimeSpan FrameBudget { get; }

    /// <summary>The most real time one frame can contribute (default 250 ms).</summary>
    public TimeSpan MaxFrameGap { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Ticks run since the loop was created.</summary>
    public long TicksRun { get; private set; }

    /// <summary>Due ticks dropped because the frame budget ran out (the simulation fell behind real time).</summary>
    public long TicksDropped { get; private set; }

    /// <summary>The current speed. Changing it discards partial progress towards the next tick.</summary>
    public SimulationSpeed Speed
    {
        get => _speed;
        set
        {
            _speed = value;
            _accumulator = TimeSpan.Zero;
        }
    }

    /// <summary>
    /// How far real time is between the last tick and the next, in [0, 1): for interpolating animations at the
    /// timed speeds. Zero when paused or at max.
    /// </summary>
    public float Alpha => (float)(_accumulator / TickDuration);

    /// <summary>Pauses and queues exactly one tick for the next <see cref="Advance"/>.</summary>
    public void Step()
    {
        Speed = SimulationSpeed.Paused;
        _pendingSteps++;
    }

    /// <summary>
    /// Runs exactly <paramref name="count"/> ticks now, ignoring speed, clock and budget: for headless runs
    /// (<c>--screenshot FILE --after-ticks N</c>) and replays, where the result must not depend on timing.
    /// </summary>
    public void RunTicks(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var ran = 0;
        for (var i = 0L; i < count; i++)
        {
            RunTick(ref ran);
        }
    }

    /// <summary>Runs the ticks due this frame and returns how many ran.</summary>
    public int Advance()
    {
        var now = _clock.Now;
        var elapsed = now - _lastFrame;
        _lastFrame = now;
        if (elapsed > MaxFrameGap)
        {
            elapsed = MaxFrameGap;
        }

        var deadline = now + FrameBudget;
        var ran = 0;
        while (_pendingSteps > 0 && (ran == 0 || _clock.Now < deadline))
        {
            _pendingSteps--;
            RunTick(ref ran);
        }

        switch (_speed)
        {
            case SimulationSpeed.Normal:
                return RunTimed(elapsed, 1, deadline, ran);
            case SimulationSpeed.Fast:
                return RunTimed(elapsed, 4, deadline, ran);
            case SimulationSpeed.Max:
                do
                {
                    RunTick(ref ran);
                }
                while (_clock.Now < deadline);

                return ran;
            default:
                return ran;
        }
    }

    private int RunTimed(TimeSpan elapsed, int multiplier, TimeSpan deadline, int ran)
    {
        _accumulator += elapsed * multiplier;
        while (_accumulator >= TickDuration)
        {
            if (ran > 0 && _clock.Now >= deadline)
            {
                var backlog = _accumulator.Ticks / TickDuration.Ticks;
                TicksDropped += backlog;
                _accumulator -= TickDuration * backlog;
                break;
            }

            _accumulator -= TickDuration;
            RunTick(ref ran);
        }

        return ran;
    }

    private void RunTick(ref int ran)
    {
        _tick();
        ran++;
        TicksRun++;
    }
}
