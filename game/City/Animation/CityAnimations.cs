using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;

namespace VmQuest.City.Animation;

/// <summary>
/// Turns the kernel's per-tick events into short animations: fault flashes and couriers, COW copies, evictions
/// to the harbour, and the city-hall key moving on a context switch. <see cref="Collect"/> runs after every
/// simulation tick (before the events are cleared); <see cref="Advance"/> ages everything once per rendered
/// frame. Bounded: at most <see cref="Capacity"/> effects live (the newest win), and the frames that changed are
/// queued for the texture layer in a fixed ring, so nothing grows with the simulation speed.
/// </summary>
public sealed class CityAnimations
{
    /// <summary>Most effects alive at once.</summary>
    public const int Capacity = 192;

    /// <summary>Rendered frames an effect lasts.</summary>
    public const int Lifetime = 36;

    /// <summary>Rendered frames the city-hall key takes to move.</summary>
    public const int KeyTravel = 20;

    private const int ChangedCapacity = 4096;

    private readonly CityEffect[] _effects = new CityEffect[Capacity];
    private readonly long[] _changed = new long[ChangedCapacity];
    private int _effectCount;
    private int _effectNext;
    private int _changedCount;
    private long _tick;

    /// <summary>The live effects (in no particular order).</summary>
    public ReadOnlySpan<CityEffect> Effects => _effects.AsSpan(0, _effectCount);

    /// <summary>Frames whose lots changed since <see cref="DrainChangedFrames"/> was last called (at most 4096).</summary>
    public ReadOnlySpan<long> ChangedFrames => _changed.AsSpan(0, _changedCount);

    /// <summary>True when more frames changed than the ring holds (the texture sweep catches the rest).</summary>
    public bool ChangedOverflowed { get; private set; }

    /// <summary>The process CR3 pointed at before the last context switch (0 for none).</summary>
    public int KeyFrom { get; private set; }

    /// <summary>The process CR3 points at since the last context switch.</summary>
    public int KeyTo { get; private set; }

    /// <summary>Rendered frames since the last context switch (capped at <see cref="KeyTravel"/>).</summary>
    public int KeyAge { get; private set; } = KeyTravel;

    /// <summary>Faults seen in the last collected ticks since the previous <see cref="Advance"/> (for the HUD pulse).</summary>
    public int FaultsThisFrame { get; private set; }

    /// <summary>
    /// Drops every effect but those of the most recent tick: a headless screenshot runs many ticks without
    /// rendering, and should show what the last tick did, not a pile-up of everything.
    /// </summary>
    public void RetainLatestTick()
    {
        var kept = 0;
        for (var i = 0; i < _effectCount; i++)
        {
            if (_effects[i].Tick == _tick)
            {
                _effects[kept++] = _effects[i];
            }
        }

        _effectCount = kept;
        _effectNext = kept % Capacity;
    }

    /// <summary>Reads the events of the tick that just ran. Call before <c>World.EndTick()</c>.</summary>
    public void Collect(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _tick++;
        foreach (ref readonly var resolved in world.Events<PageFaultResolved>().Read())
        {
            FaultsThisFrame++;
            if (resolved.Outcome.IsSegv() || resolved.Outcome is FaultOutcome.OutOfMemory or FaultOutcome.AwaitingDecision)
            {
                continue;
            }

            var kind = resolved.Outcome == FaultOutcome.CowCopy ? CityEffectKind.CowCopy : CityEffectKind.Fault;
            Start(new CityEffect(kind, (long)resolved.Frame, resolved.Pid, 0, _tick, resolved.Va));
            MarkChanged((long)resolved.Frame);
        }

        foreach (ref readonly var evicted in world.Events<PageEvicted>().Read())
        {
            Start(new CityEffect(CityEffectKind.Eviction, (long)evicted.Frame, 0, 0, _tick));
            MarkChanged((long)evicted.Frame);
        }

        foreach (ref readonly var switched in world.Events<ContextSwitched>().Read())
        {
            KeyFrom = switched.FromPid;
            KeyTo = switched.ToPid;
            KeyAge = 0;
        }
    }

    /// <summary>Ages every effect by one rendered frame and drops finished ones.</summary>
    public void Advance()
    {
        FaultsThisFrame = 0;
        KeyAge = Math.Min(KeyTravel, KeyAge + 1);
        var kept = 0;
        for (var i = 0; i < _effectCount; i++)
        {
            var effect = _effects[i];
            if (effect.Age + 1 < Lifetime)
            {
                _effects[kept++] = effect with { Age = effect.Age + 1 };
            }
        }

        _effectCount = kept;
        _effectNext = kept % Capacity;
    }

    /// <summary>Empties the changed-frame queue (the texture layer has recoloured them).</summary>
    public void DrainChangedFrames()
    {
        _changedCount = 0;
        ChangedOverflowed = false;
    }

    private void Start(in CityEffect effect)
    {
        if (_effectCount < Capacity)
        {
            _effects[_effectCount++] = effect;
            return;
        }

        // Full: overwrite round-robin so the newest events stay visible at max speed.
        _effects[_effectNext] = effect;
        _effectNext = (_effectNext + 1) % Capacity;
    }

    private void MarkChanged(long frame)
    {
        if (_changedCount < ChangedCapacity)
        {
            _changed[_changedCount++] = frame;
        }
        else
        {
            ChangedOverflowed = true;
        }
    }
}
