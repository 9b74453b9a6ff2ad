using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Model;
using VmQuest.Replays;
using VmQuest.Rules;

namespace VmQuest.Play;

/// <summary>
/// One play of a victim level (DESIGN.md §7 mechanic 3), headless: the level's kernel runs its reference string
/// in one process, one reference per tick, and whenever memory is full the player chooses which resident page
/// leaves. Deterministic: the level, the seed and the sequence of applied actions determine every state.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one reference of the trace: tick T makes reference T (0-based). When reference T faults
/// and the kernel needs a victim, the session <em>waits</em> in tick T (<see cref="IsWaiting"/>): the decision is
/// pending, nothing has changed, and the access is retried once the player's action (entering in tick T) names
/// a victim. Waiting costs no cycles, so cycles measure the quality of decisions, not the player's speed.</para>
/// <para><b>Actions</b> (replay lines): <c>action T victim frame=N</c> evicts the page in frame N at tick T; a refused
/// one is recorded as <c>action T mistake frame=N</c>, so a replay re-simulates its mistakes too.</para>
/// <para>The state hash (<see cref="StateHash"/>) is taken after every tick that is a multiple of the hash
/// interval (<see cref="Checkpoints"/>), i.e. once that many references have completed.</para>
/// </remarks>
public sealed class VictimSession
{
    /// <summary>Ticks between state checkpoints when none is asked for.</summary>
    public const int DefaultHashInterval = 4;

    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions];

    private readonly IReadOnlyList<(ulong Page, bool IsWrite)> _references;
    private readonly PlayerVictimDecisions? _player;
    private readonly List<ReplayAction> _actions = [];
    private readonly List<StateCheckpoint> _checkpoints = [];
    private readonly ulong _base;
    private long _peakFrames;
    private long _faultedReferences;
    private bool _faultedThisTick;

    /// <summary>Boots the level's kernel (machine, frames, kernel options) with its trace mapped; nothing has run yet.</summary>
    /// <exception cref="FormatParseException">The level asks for something a victim session cannot play or measure (one line, naming the level file).</exception>
    public VictimSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashInterval, 1);
        CheckPlayable(level);
        Level = level;
        Seed = seed;
        HashInterval = hashInterval;
        _references = LevelReferences.Of(level);
        _player = level.Player.Has(Mechanic.Victim) ? new PlayerVictimDecisions() : null;

        var machine = level.Machine.Description.WithImage(null);
        machine = machine.WithTlb(machine.Tlb with { Entries = level.Kernel.TlbEntries, Ways = level.Kernel.TlbWays, Pcid = level.Kernel.Pcid });
        var highest = _references.Max(r => r.Page);
        var distinct = _references.Select(r => r.Page).Distinct().LongCount();
        // As the trace tool sizes it: the user-frame budget, every page table the mapping can need, and room to
        // spare, so that only the level's frame limit (never physical memory) decides when a victim is needed.
        var data = Math.Min(level.Frames ?? distinct, distinct);
        var frames = (ulong)(data + TableBudget(machine, highest, distinct) + (2 * machine.Levels.Count) + 64);
        if (frames < machine.FrameCount)
        {
            machine = machine.WithPhysicalMemory(frames << machine.PageShift);
        }

        Kernel = new KernelCore(machine, new KernelOptions
        {
            ReplacementPolicy = level.Kernel.Policy,
            DataFrameLimit = level.Frames,
            SwapSlots = Math.Max(level.Kernel.SwapSlots, checked((int)distinct + 16)),
            TimeSlice = level.Kernel.TimeSlice,
            Seed = seed,
            PublishEvents = false,
            Decisions = _player ?? (Engine.Kernel.Decisions.IKernelDecisions)Engine.Kernel.Decisions.AutomaticDecisions.Instance,
        });
        Pid = Kernel.CreateProcess(level.Id);
        _base = TraceLoader.ReferenceStringBase;
        var length = (highest + 1) << machine.PageShift;
        var mapped = Kernel.Mmap(Pid, _base, length, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Private | MapFlags.NoReserve);
        if (!mapped.Succeeded)
        {
            throw new FormatParseException(level.SourcePath, $"the trace's {highest + 1} pages do not fit the level's machine ({mapped.Error})");
        }

        Kernel.SwitchTo(Pid);
    }

    /// <summary>The level being played.</summary>
    public Level Level { get; }

    /// <summary>The run's seed (the kernel's generator).</summary>
    public ulong Seed { get; }

    /// <summary>Ticks between state checkpoints.</summary>
    public int HashInterval { get; }

    /// <summary>The kernel (read it; do not drive it — the session does).</summary>
    public KernelCore Kernel { get; }

    /// <summary>The process the trace runs in.</summary>
    public int Pid { get; }

    /// <summary>The references of the run, in order (tick T makes reference T).</summary>
    public IReadOnlyList<(ulong Page, bool IsWrite)> References => _references;

    /// <summary>The current tick: how many references have completed.</summary>
    public long Tick { get; private set; }

    /// <summary>True when every reference has completed (the goal <c>trace-completes</c> holds).</summary>
    public bool IsFinished => Tick == _references.Count;

    /// <summary>True while the kernel waits in <see cref="Tick"/> for the player to choose a victim.</summary>
    public bool IsWaiting { get; private set; }

    /// <summary>Accepted victim choices.</summary>
    public long Actions { get; private set; }

    /// <summary>Refused actions (each with its explanation given).</summary>
    public long Mistakes { get; private set; }

    /// <summary>Every action applied so far, refused ones as <c>mistake</c>, in order: the replay's action lines.</summary>
    public IReadOnlyList<ReplayAction> AppliedActions => _actions;

    /// <summary>The state hash after every tick that is a multiple of <see cref="HashInterval"/>, so far.</summary>
    public IReadOnlyList<StateCheckpoint> Checkpoints => _checkpoints;

    /// <summary>The frames that hold a resident user page now (the legal victims while <see cref="IsWaiting"/>), ascending.</summary>
    public IReadOnlyList<ulong> ResidentFrames()
    {
        var frames = new List<ulong>();
        for (ulong f = 0; f < (ulong)Kernel.Frames.Count; f++)
        {
            if (Kernel.UseOf(f) is FrameUse.Anonymous or FrameUse.File)
            {
                frames.Add(f);
            }
        }

        return frames;
    }

    /// <summary>The reference-string page held in <paramref name="frame"/> (which must hold a user page).</summary>
    public ulong PageIn(ulong frame) => (Kernel.Frames.VirtualAddressOf(frame) - _base) >> Kernel.Machine.Description.PageShift;

    /// <summary>
    /// Runs ticks until the kernel waits for a victim, the trace ends, or <see cref="Tick"/> reaches
    /// <paramref name="untilTick"/> (no limit when null). Returns at once while waiting.
    /// </summary>
    public void Run(long? untilTick = null)
    {
        while (!IsWaiting && !IsFinished && (untilTick is null || Tick < untilTick))
        {
            Step();
        }
    }

    /// <summary>
    /// Why evicting the page in <paramref name="frame"/> is not a legal move now, in a sentence that teaches; null
    /// when it is legal (a decision is pending and the frame holds a resident user page).
    /// </summary>
    public string? WhyIllegal(ulong frame)
    {
        if (!IsWaiting)
        {
            return IsFinished
                ? "the trace has ended: no decision is pending"
                : string.Create(CultureInfo.InvariantCulture,
                    $"no decision is pending at tick {Tick}: a victim is chosen only when a page faults and the level's {Level.Frames} frames are all in use");
        }

        if (frame >= (ulong)Kernel.Frames.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"frame {frame} does not exist: the machine has frames 0 to {Kernel.Frames.Count - 1}");
        }

        return Kernel.UseOf(frame) switch
        {
            FrameUse.Anonymous or FrameUse.File => null,
            FrameUse.Free => string.Create(CultureInfo.InvariantCulture, $"frame {frame} is free: evicting frees a frame that holds a page, and this one holds none"),
            FrameUse.PageTable => string.Create(CultureInfo.InvariantCulture,
                $"frame {frame} holds a page table: the kernel never evicts one, every translation of the pages it maps goes through it"),
            var use => string.Create(CultureInfo.InvariantCulture, $"frame {frame} holds {use.ToString().ToLowerInvariant()} memory, not a user page: only user pages can be evicted"),
        };
    }

    /// <summary>
    /// The player evicts the page in <paramref name="frame"/>. Legal: the kernel takes it and the waiting access is
    /// retried (the run then continues with <see cref="Run"/>). Illegal: nothing changes but <see cref="Mistakes"/>, and the
    /// explanation comes back.
    /// </summary>
    /// <returns>Null when accepted; otherwise why it was refused.</returns>
    public string? ChooseVictim(ulong frame)
    {
        if (WhyIllegal(frame) is { } why)
        {
            Mistakes++;
            Record("mistake", frame);
            return why;
        }

        Actions++;
        Record("victim", frame);
        _player!.Chosen = frame;
        IsWaiting = false;
        Step();
        return null;
    }

    /// <summary>
    /// Applies one replay action as a player would (<see cref="ChooseVictim"/>), after running up to its tick.
    /// Returns null when it applied as recorded; otherwise why it is illegal: an unknown kind or argument, a tick
    /// the run cannot be at, a <c>victim</c> the rules refuse, or a <c>mistake</c> that was in fact a legal move.
    /// </summary>
    public string? Apply(ReplayAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // A victim enters in its tick, so the run goes into that tick (and waits there); a mistake may have been
        // made at rest before the tick began (after a rewind), so the run only goes up to it.
        Run(action.Kind == "mistake" ? action.Tick : action.Tick + 1);
        if (Tick < action.Tick)
        {
            return IsWaiting
                ? string.Create(CultureInfo.InvariantCulture, $"the kernel waits for a victim at tick {Tick}, but the next action is at tick {action.Tick}")
                : string.Create(CultureInfo.InvariantCulture, $"the trace ended at tick {Tick}, before the action at tick {action.Tick}");
        }

        if (Tick > action.Tick)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"no decision is pending at tick {action.Tick}: reference {action.Tick} (page {_references[(int)action.Tick].Page}) needs no victim, it is resident or a frame is free");
        }

        if (action.Kind is not ("victim" or "mistake"))
        {
            return $"'{action.Kind}' is not an action of this level (its actions: victim frame=N)";
        }

        if (action.Arguments.Count != 1 || action.Arguments[0].Key != "frame"
            || !ulong.TryParse(action.Arguments[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var frame))
        {
            return $"a {action.Kind} action takes one argument, frame=N (a frame number)";
        }

        if (action.Kind == "mistake")
        {
            if (WhyIllegal(frame) is null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"recorded as a mistake, but evicting frame {frame} was a legal move");
            }

            ChooseVictim(frame);
            return null;
        }

        return ChooseVictim(frame);
    }

    /// <summary>
    /// The value of <paramref name="kind"/> now; throws for a metric this session cannot measure. <c>faults</c> counts
    /// references that faulted (each once, as OPT's count does), not the kernel's attempts.
    /// </summary>
    public long Metric(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => Kernel.Machine.Clock.Cycles,
        MetricKind.Faults => _faultedReferences,
        MetricKind.MajorFaults => Kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => _peakFrames,
        MetricKind.TlbMisses => Kernel.Machine.Mmu.TlbMisses,
        MetricKind.Mistakes => Mistakes,
        MetricKind.Actions => Actions,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a victim session does not measure this"),
    };

    /// <summary>The level's metrics measured now, in the level's order.</summary>
    public IReadOnlyList<ClaimedMetric> Metrics() => [.. Level.Metrics.Select(m => new ClaimedMetric(m.Name, Metric(m.Kind)))];

    /// <summary>The finished run as a solution file claiming its measured metrics. Only once <see cref="IsFinished"/>.</summary>
    public ReplayFile ToReplay()
    {
        if (!IsFinished)
        {
            throw new InvalidOperationException("a replay is made of a finished run");
        }

        return new ReplayFile(ReplayFormat.Version, RulesVersion.Current, Level.Id, Level.Version, "sha256:" + Level.Hash, Seed,
            HashInterval, Metrics(), [.. _actions], [.. _checkpoints]);
    }

    private void Record(string kind, ulong frame) =>
        _actions.Add(new ReplayAction(Tick, kind, [new("frame", frame.ToString(CultureInfo.InvariantCulture))]));

    // One tick: make reference Tick; wait if the kernel needs the player's victim.
    private void Step()
    {
        var (page, isWrite) = _references[(int)Tick];
        var va = _base + (page << Kernel.Machine.Description.PageShift);
        var result = Kernel.Access(Pid, va, isWrite ? AccessKind.Write : AccessKind.Read, value: null, width: 1);
        if (result.Status == AccessStatus.Waiting)
        {
            IsWaiting = true;
            _faultedThisTick = true;
            return;
        }

        if (!result.Completed)
        {
            // The mapping covers every page and swap has a slot for each: a kill here is a kernel defect.
            throw new InvalidOperationException($"level {Level.Id}: reference {Tick} (page {page}) killed the process ({result.Fault})");
        }

        // A reference that faulted is one fault, however often the kernel retried it while the player chose
        // (the kernel's own counter counts every attempt, waiting ones included).
        if (_faultedThisTick || result.Fault is not null)
        {
            _faultedReferences++;
        }

        _faultedThisTick = false;
        Tick++;
        _peakFrames = Math.Max(_peakFrames, Kernel.Frames.DataFrames);
        if (Tick % HashInterval == 0)
        {
            _checkpoints.Add(new StateCheckpoint(Tick, StateHash.Of(Kernel)));
        }
    }

    private static void CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.Victim))
        {
            throw new FormatParseException(level.SourcePath,
                $"mechanic {string.Join(", ", level.Player.Mechanics.Where(m => m != Mechanic.Victim).Select(m => m.Name()))} is not playable yet (playable: victim)");
        }

        if (level.Processes.Count > 0 || level.Traces.Count == 0)
        {
            throw new FormatParseException(level.SourcePath, "a victim level runs traces only: it needs at least one trace and no processes");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a victim level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not TraceCompletesGoal) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a victim level (its goal: trace-completes)");
        }
    }

    // The page-table pages one mapping of pages 0..highest can need (as the trace tool bounds it), plus the root.
    private static long TableBudget(Engine.Machine.Description.MachineDescription machine, ulong highest, long distinct)
    {
        long total = 1;
        var shift = 0;
        var first = TraceLoader.ReferenceStringBase >> machine.PageShift;
        for (var level = machine.Levels.Count - 1; level >= 1; level--)
        {
            shift += machine.Levels[level].IndexBits;
            total += Math.Min((long)(((first + highest) >> shift) - (first >> shift) + 1), distinct);
        }

        return total;
    }
}
