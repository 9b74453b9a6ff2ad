using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;

namespace VmQuest.Play.FaultAction;

/// <summary>
/// One play of a fault-action level (DESIGN.md §7 mechanic 2), headless: the level's workload programs run as
/// processes, and every page fault waits for the player to say what the kernel must do — demand-zero, read from the
/// file, swap in, copy-on-write copy, reuse the last sharer's page, grow the stack, SIGSEGV (and why) or SIGBUS —
/// and, with frame placement, which frame receives the page. The kernel's own handler is the judge: its forecast
/// (<see cref="KernelCore.ForecastFault"/>) is the one right answer, and any other is a mistake explained by what
/// the kernel can see. Deterministic: the level, the seed and the applied actions determine every state.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one step of the workload runner: one action of one process (an access, a syscall, fork,
/// exit…). A tick whose access faults waits (<see cref="LevelSession.IsWaiting"/>) until the player's answer enters;
/// the access is then retried and the handler resolves the fault.</para>
/// <para><b>Actions</b> (replay lines): <c>action T KIND [why=REASON] [frame=N]</c>, KIND one of
/// <see cref="FaultActions.Kinds"/>; <c>why=</c> only with <c>sigsegv</c> (one of <see cref="FaultActions.SegvReasons"/>);
/// <c>frame=N</c> exactly when the level gives the player frame placement and the fault takes a new frame: a free
/// frame while the level's frames are not all in use, else a frame holding a resident page, which is evicted for it
/// (the only choice that changes the cycles: which page goes to swap).</para>
/// </remarks>
public sealed class FaultActionSession : LevelSession
{
    /// <summary>The most ticks a run may take before it is judged stuck (a level's programs are short).</summary>
    public const long MaxTicks = 1_000_000;

    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions];

    // Physical memory for a level's handful of processes: their pages (at most the level's frames), their tables
    // and room to spare, so that only the level's frame limit decides when a page must go.
    private const ulong MemoryBytes = 16UL << 20;

    private readonly KernelCore _kernel;
    private readonly WorkloadRunner _runner;
    private readonly PlayerFaultDecisions? _player;
    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _fatalLine = [];
    private readonly List<(int Pid, ulong Page)> _references = [];
    private readonly List<(int Pid, int Line, ulong Value)> _reads = [];

    /// <summary>Boots the level's kernel and starts its processes; nothing has run yet.</summary>
    /// <exception cref="FormatParseException">The level asks for something a fault-action session cannot play or measure (one line, naming the level file).</exception>
    public FaultActionSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
        : base(level, seed, hashInterval)
    {
        CheckPlayable(level);
        _player = level.Player.Has(Mechanic.FaultAction) ? new PlayerFaultDecisions() : null;
        var machine = LevelMachine.Of(level);
        if (machine.PhysicalMemoryBytes > MemoryBytes)
        {
            machine = machine.WithPhysicalMemory(MemoryBytes);
        }

        _kernel = new KernelCore(machine, LevelMachine.KernelOptionsOf(level, seed, _player));
        _runner = new WorkloadRunner(_kernel);
        foreach (var process in level.Processes)
        {
            foreach (var (path, file) in process.ProgramFiles)
            {
                _kernel.Files.Provide(path, file.Bytes);
            }

            var pid = _runner.Spawn(process.Program!, process.Name);
            if (pid < 0)
            {
                throw new FormatParseException(level.SourcePath, $"process '{process.Name}' cannot start on the level's machine (no memory for its page table)");
            }

            _pids[process.Name] = pid;
        }

        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <summary>The workload runner (read it: the city and the panel show its processes).</summary>
    public WorkloadRunner Runner => _runner;

    /// <summary>The pid of the level's process called <paramref name="name"/>.</summary>
    public int PidOf(string name) => _pids[name];

    /// <summary>The fault waiting for the player's answer, or null when none is (or the level hands the player no faults).</summary>
    public FaultForecast? PendingFault => IsWaiting ? _player?.Pending : null;

    /// <summary>Every page referenced by a completed (or fatal) access so far, in order: (pid, virtual page number).</summary>
    public IReadOnlyList<(int Pid, ulong Page)> References => _references;

    /// <summary>
    /// The value every completed read returned, in order: (pid, line of its program, value). After a fork the same
    /// address gives each process its own value (fault-fork-cow's lesson); the tests read it here.
    /// </summary>
    public IReadOnlyList<(int Pid, int Line, ulong Value)> Reads => _reads;

    /// <inheritdoc/>
    public override long? Length => null;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds => FaultActions.Kinds;

    /// <summary>Whether the level's data frames are all in use, so that a new page must take a resident page's frame.</summary>
    public bool MemoryFull =>
        (Level.Frames is { } limit && Kernel.Frames.DataFrames >= limit)
        || Kernel.Machine.Frames.FreeCount <= (ulong)Kernel.Machine.Description.Levels.Count;

    /// <summary>
    /// The frames the pending fault's page may go to, ascending: the free frames, or when memory is full the frames
    /// holding a resident page other than the one being copied. Empty when no fault is pending or it takes no frame.
    /// </summary>
    public IReadOnlyList<ulong> FrameChoices()
    {
        if (PendingFault is not { NeedsFrame: true } pending)
        {
            return [];
        }

        var choices = new List<ulong>();
        var full = MemoryFull;
        for (ulong f = 0; f < (ulong)Kernel.Frames.Count; f++)
        {
            if (full ? Kernel.Frames.UseOf(f) is FrameUse.Anonymous or FrameUse.File && f != pending.PresentFrame : !Kernel.Machine.Frames.IsUsed(f))
            {
                choices.Add(f);
            }
        }

        return choices;
    }

    /// <summary>The player answers the pending fault (the action <c>KIND [why=R] [frame=N]</c>). Null when accepted, else why not.</summary>
    public string? Answer(string kind, string? why = null, ulong? frame = null)
    {
        var arguments = new List<KeyValuePair<string, string>>();
        if (why is not null)
        {
            arguments.Add(new("why", why));
        }

        if (frame is { } f)
        {
            arguments.Add(new("frame", f.ToString(CultureInfo.InvariantCulture)));
        }

        return Act(kind, arguments);
    }

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action)
    {
        if (!FaultActions.Kinds.Contains(action.Kind))
        {
            return $"'{action.Kind}' is not an action of this level (its actions: {string.Join(", ", FaultActions.Kinds)})";
        }

        string? why = null;
        ulong? frame = null;
        foreach (var (key, value) in action.Arguments)
        {
            switch (key)
            {
                case "why" when why is null && action.Kind == FaultActions.Sigsegv:
                    if (!FaultActions.SegvReasons.Contains(value))
                    {
                        return $"'{value}' is not a reason for SIGSEGV (the reasons: {string.Join(", ", FaultActions.SegvReasons)})";
                    }

                    why = value;
                    break;
                case "frame" when frame is null:
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var f))
                    {
                        return $"frame={value} is not a frame number";
                    }

                    frame = f;
                    break;
                default:
                    return $"'{key}=' does not belong here: {action.Kind} takes {(action.Kind == FaultActions.Sigsegv ? "why=REASON" : "no reason")}{(Level.Player.FramePlacement ? " and, when the fault takes a new frame, frame=N" : "")}";
            }
        }

        if (action.Kind == FaultActions.Sigsegv && why is null)
        {
            return "sigsegv says why the access is illegal: why=" + string.Join("|", FaultActions.SegvReasons);
        }

        var pending = _player!.Pending!;
        if (FaultExplanations.Judge(pending, action.Kind, why) is { } wrong)
        {
            return Refuse(wrong.En, wrong.Zh);
        }

        if (WhyNotFrame(pending, frame) is { } badFrame)
        {
            return badFrame;
        }

        _player.Admit(frame);
        return null;
    }

    /// <inheritdoc/>
    protected override string NothingPending() => IsFinished
        ? "the level is over: no fault is pending"
        : string.Create(CultureInfo.InvariantCulture, $"no fault is pending at tick {Tick}: the kernel asks only when an access faults");

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        if (_runner.Step() is not { } step)
        {
            return TickOutcome.Completed;
        }

        if (step.Access is not { } access)
        {
            return TickOutcome.Completed;
        }

        if (access.Status == AccessStatus.Waiting)
        {
            return TickOutcome.Waiting;
        }

        if (step.Action is MemoryAccessAction memory)
        {
            var shift = Kernel.Machine.Description.PageShift;
            var va = unchecked((ulong)memory.Address);
            _references.Add((step.Pid, va >> shift));
            if ((va + 7) >> shift != va >> shift && access.Completed)
            {
                _references.Add((step.Pid, (va + 7) >> shift));
            }

            if (access.Status == AccessStatus.Killed)
            {
                _fatalLine[step.Pid] = memory.Position.Line;
            }
            else if (access.Completed && memory.Kind == VmQuest.Engine.Kernel.Workloads.AccessKind.Read)
            {
                _reads.Add((step.Pid, memory.Position.Line, access.Value));
            }
        }

        return TickOutcome.Completed;
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals()
    {
        foreach (var goal in Level.Goals)
        {
            if (GoalFailure(goal) is { } failure)
            {
                return GoalState.Failed(failure);
            }
        }

        if (_runner.IsIdle)
        {
            return Level.Goals.All(Holds) ? GoalState.Won : GoalState.Failed("the programs stopped before every goal held");
        }

        return Tick >= MaxTicks
            ? GoalState.Failed(string.Create(CultureInfo.InvariantCulture, $"the programs did not finish within {MaxTicks} steps"))
            : GoalState.Running;
    }

    /// <inheritdoc/>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => Kernel.Machine.Clock.Cycles,
        MetricKind.Faults => Counters.Faults,
        MetricKind.MajorFaults => Kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => Counters.PeakFrames,
        MetricKind.TlbMisses => Kernel.Machine.Mmu.TlbMisses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a fault-action session does not measure this"),
    };

    private string? WhyNotFrame(FaultForecast pending, ulong? frame)
    {
        if (!Level.Player.FramePlacement)
        {
            return frame is null ? null : "on this level the kernel places every page: leave out frame=";
        }

        if (!pending.NeedsFrame)
        {
            return frame is null ? null : "this fault takes no new frame (the page it needs is already in memory): leave out frame=";
        }

        var choices = FrameChoices();
        if (frame is not { } f)
        {
            return MemoryFull
                ? "the level's frames are all in use: name the frame whose page makes room (frame=N), it goes to swap or back to its file"
                : "this fault takes a new frame: say which free frame receives the page (frame=N)";
        }

        if (choices.Contains(f))
        {
            return null;
        }

        if (f >= (ulong)Kernel.Frames.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"frame {f} does not exist: the machine has frames 0 to {Kernel.Frames.Count - 1}");
        }

        if (MemoryFull)
        {
            return f == pending.PresentFrame
                ? string.Create(CultureInfo.InvariantCulture, $"frame {f} holds the very page being copied: it cannot make room for its own copy")
                : string.Create(CultureInfo.InvariantCulture,
                    $"frame {f} holds {UseName(Kernel.UseOf(f))}, not a user page: with the level's frames all in use, the new page takes the frame of a resident user page, which is evicted");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"frame {f} holds {UseName(Kernel.UseOf(f))}: while free frames remain, the new page goes to a free one");
    }

    private static string UseName(FrameUse use) => use switch
    {
        FrameUse.PageTable => "a page table",
        FrameUse.Anonymous => "an anonymous page",
        FrameUse.File => "a file page",
        FrameUse.Reserved => "memory the kernel reserved",
        _ => "nothing",
    };

    private string? GoalFailure(LevelGoal goal)
    {
        switch (goal)
        {
            case ProcessExitsGoal exits when Ended(exits.Process) is { } end && (end.Signal != 0 || end.Status != exits.Status):
                return end.Signal != 0
                    ? $"{exits.Process} was killed ({SignalName(end.Signal)}), but it had to exit with status {exits.Status}"
                    : string.Create(CultureInfo.InvariantCulture, $"{exits.Process} exited with status {end.Status}, but it had to exit with status {exits.Status}");
            case AllProcessesExitGoal all:
                return Level.Processes.Select(p => GoalFailure(new ProcessExitsGoal(p.Name, all.Status))).FirstOrDefault(f => f is not null);
            case ProcessKilledGoal killed when Ended(killed.Process) is { } end:
                if (end.Signal == 0)
                {
                    return $"{killed.Process} exited, but it had to die of {killed.Signal}";
                }

                if (SignalName(end.Signal) != killed.Signal)
                {
                    return $"{killed.Process} died of {SignalName(end.Signal)}, but it had to die of {killed.Signal}";
                }

                return killed.Line is { } line && _fatalLine.GetValueOrDefault(PidOf(killed.Process)) != line
                    ? string.Create(CultureInfo.InvariantCulture, $"{killed.Process} died, but not at line {line}")
                    : null;
            default:
                return null;
        }
    }

    private bool Holds(LevelGoal goal) => goal switch
    {
        ProcessExitsGoal exits => Ended(exits.Process) is { Signal: 0 } end && end.Status == exits.Status,
        AllProcessesExitGoal all => Level.Processes.All(p => Holds(new ProcessExitsGoal(p.Name, all.Status))),
        ProcessKilledGoal killed => Ended(killed.Process) is { } end && GoalFailure(killed) is null && end.Signal != 0,
        _ => false,
    };

    private (int Status, int Signal)? Ended(string process) =>
        _runner.Exited.TryGetValue(PidOf(process), out var end) ? (end.Status, end.Signal) : null;

    private static string SignalName(int signal) => signal switch
    {
        KernelCore.SigSegv => "SIGSEGV",
        KernelCore.SigBus => "SIGBUS",
        KernelCore.SigKill => "SIGKILL",
        _ => string.Create(CultureInfo.InvariantCulture, $"signal {signal}"),
    };

    private static void CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.FaultAction))
        {
            throw new FormatParseException(level.SourcePath,
                $"mechanic {string.Join(", ", level.Player.Mechanics.Where(m => m != Mechanic.FaultAction).Select(m => m.Name()))} cannot be played together with fault-action");
        }

        if (level.Traces.Count > 0 || level.Processes.Count == 0 || level.Processes.Any(p => p.Program is null))
        {
            throw new FormatParseException(level.SourcePath, "a fault-action level runs workload programs only: at least one process (program or program-file) and no traces");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a fault-action level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not (ProcessExitsGoal or AllProcessesExitGoal or ProcessKilledGoal)) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a fault-action level (its goals: exits, all-exit, killed)");
        }
    }
}
