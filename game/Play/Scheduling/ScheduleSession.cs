using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;

namespace VmQuest.Play.Scheduling;

/// <summary>
/// One play of a schedule level (DESIGN.md §7 mechanic 5), headless: the level's workload processes run on its
/// kernel as the <c>run</c> command runs them, and at every scheduling point where two or more processes can run —
/// a time slice ends, the running process yields, blocks in <c>wait</c> or exits — the player chooses which runs
/// next. Each CR3 load costs the machine's <c>contextSwitch</c> cycles, and with PCID off it also flushes the TLB
/// (<c>tlbFlush</c> cycles, then a page walk for every page the process touches again); choosing the running process
/// costs nothing. Deterministic: the level, the seed and the applied actions determine every state.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one stretch of running between two scheduling points with a choice: tick T begins at a
/// point, waits there for the decision (<see cref="LevelSession.IsWaiting"/>), then runs the chosen process until
/// the next such point. A point where only one process can run is no decision: it runs on, in the same tick.</para>
/// <para><b>Actions</b> (replay lines): <c>action T run pid=N</c> runs process N from the point tick T waits at.</para>
/// <para>Without the schedule mechanic (Linux's default) the kernel's round-robin scheduler makes every choice.</para>
/// </remarks>
public sealed class ScheduleSession : LevelSession
{
    /// <summary>The most workload steps a run may take (a level whose programs run longer is refused as it plays).</summary>
    public const long MaxSteps = 2_000_000;

    /// <summary>The most physical memory a schedule level's machine gets (the level's frames, page tables and programs fit easily).</summary>
    public const ulong MaxPhysicalMemory = 64UL << 20;

    private readonly KernelCore _kernel;
    private readonly WorkloadRunner _runner;
    private readonly SchedulingGate _gate;
    private readonly Dictionary<int, string> _names = [];
    private readonly Dictionary<int, long> _cycles = [];
    private readonly Dictionary<int, HashSet<ulong>> _pages = [];
    private readonly List<int> _pids = [];
    private readonly bool _playerSchedules;
    private bool _ranThisTick;
    private bool _idle;
    private long _steps;

    /// <summary>Boots the level's kernel and starts its processes in order (lowest pid first); nothing has run yet.</summary>
    /// <exception cref="FormatParseException">The level asks for something a schedule session cannot play or measure (one line, naming the level file).</exception>
    public ScheduleSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
        : base(level, seed, hashInterval)
    {
        ScheduleLevelCheck.ThrowIfUnplayable(level);
        _playerSchedules = level.Player.Has(Mechanic.Schedule);
        _gate = new SchedulingGate(_playerSchedules ? null : new RoundRobinScheduler());
        var machine = LevelMachine.Of(level);
        if (machine.PhysicalMemoryBytes > MaxPhysicalMemory)
        {
            machine = machine.WithPhysicalMemory(MaxPhysicalMemory);
        }

        _kernel = new KernelCore(machine, LevelMachine.KernelOptionsOf(level, seed));
        _runner = new WorkloadRunner(_kernel, _gate);
        foreach (var process in level.Processes)
        {
            var pid = _runner.Spawn(process.Program!, process.Name);
            if (pid < 0)
            {
                throw new FormatParseException(level.SourcePath, $"process {process.Name} cannot be created on the level's machine (no memory for its page table)");
            }

            Track(pid, process.Name);
            PidOf[process.Name] = pid;
        }

        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <inheritdoc/>
    public override long? Length => null;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds { get; } = ["run"];

    /// <summary>The pid of each of the level's processes, by its name.</summary>
    public Dictionary<string, int> PidOf { get; } = new(StringComparer.Ordinal);

    /// <summary>The running process's pid (0 before the first choice).</summary>
    public int CurrentPid => _kernel.CurrentPid;

    /// <summary>The scheduling point the run last reached (the one a pending decision is asked at), or null once nothing can run.</summary>
    public SchedulingPoint? Point { get; private set; } = new(SchedulingCause.Start, 0, "");

    /// <summary><see cref="Point"/> as one English sentence (the city's log and the tests read it), or null once nothing can run.</summary>
    public string? PendingReason => Point switch
    {
        null => null,
        { Cause: SchedulingCause.Start } => "the processes are ready and none runs yet",
        { Cause: SchedulingCause.Yielded } p => Invariant($"pid {p.Pid} ({p.Name}) gave up the CPU"),
        { Cause: SchedulingCause.Blocked } p => Invariant($"pid {p.Pid} ({p.Name}) blocked in wait"),
        { Cause: SchedulingCause.Exited } p => Invariant($"pid {p.Pid} ({p.Name}) exited"),
        var p => Invariant($"pid {p.Pid} ({p.Name}) used up its time slice"),
    };

    /// <summary>The processes that can be chosen now, ascending (empty while no decision is pending).</summary>
    public IReadOnlyList<int> Choices => IsWaiting ? _gate.Ready : [];

    /// <summary>Every process of the run so far (the level's and any they forked), ascending pid.</summary>
    public IReadOnlyList<ScheduledProcess> RunQueue()
    {
        var tlb = _kernel.Machine.Mmu.Tlb.Snapshot();
        var processes = new List<ScheduledProcess>(_pids.Count);
        foreach (var pid in _pids)
        {
            if (_runner.Exited.TryGetValue(pid, out var exit))
            {
                processes.Add(new ScheduledProcess(pid, _names[pid], ProcessState.Zombie, 0, _pages[pid].Count, _cycles[pid],
                    exit.Signal == 0 ? exit.Status : null, exit.Signal));
                continue;
            }

            processes.Add(new ScheduledProcess(pid, _names[pid], _kernel.Info(pid).State, TlbEntriesOf(pid, tlb), _pages[pid].Count, _cycles[pid], null, 0));
        }

        return processes;
    }

    /// <summary>What choosing <paramref name="pid"/> at the pending point costs before its first access (see <see cref="SwitchCost"/>).</summary>
    public SwitchCost CostOf(int pid)
    {
        var costs = _kernel.Machine.Description.Costs;
        var tlb = _kernel.Machine.Mmu.Tlb.Snapshot();
        if (pid == CurrentPid)
        {
            return new SwitchCost(pid, 0, 0, false, TlbEntriesOf(pid, tlb));
        }

        // With PCID a process whose mm still owns one of the CPU's six ASID slots switches without a flush.
        var flushes = _kernel.Exists(pid) && _kernel.MemoryOf(pid).Mm is not null ? _kernel.SwitchWouldFlush(pid) : !_kernel.Machine.Description.Tlb.Pcid;
        return new SwitchCost(pid, costs.ContextSwitch, flushes ? costs.TlbFlush : 0, flushes, flushes ? 0 : TlbEntriesOf(pid, tlb));
    }

    /// <summary>
    /// Why choosing <paramref name="pid"/> is not a legal move now, in a sentence that teaches; null when it is (a
    /// decision is pending and the process can run).
    /// </summary>
    public string? WhyIllegal(int pid)
    {
        if (!IsWaiting)
        {
            return NothingPending();
        }

        if (!_names.TryGetValue(pid, out var name))
        {
            return Refuse(
                Invariant($"pid {pid} is not a process of this level: its processes are pids {string.Join(", ", _pids)}"),
                Invariant($"pid {pid} 不是本关的进程：本关的进程是 pid {string.Join("、", _pids)}"));
        }

        if (_runner.Exited.ContainsKey(pid))
        {
            return Refuse(
                Invariant($"pid {pid} ({name}) has exited: only runnable processes can be chosen, and an exited one has no work left and no address space to load into CR3"),
                Invariant($"pid {pid}（{name}）已经退出：只能选择可运行的进程，已退出的进程没有剩余的工作，也没有可以载入 CR3 的地址空间"));
        }

        if (_runner.SleepingUntil(pid) is { } wake)
        {
            return Refuse(
                Invariant($"pid {pid} ({name}) is asleep until cycle {wake:N0}: only runnable processes can be chosen"),
                Invariant($"pid {pid}（{name}）正在睡眠，直到第 {wake:N0} 个周期：只能选择可运行的进程"));
        }

        if (_kernel.Info(pid).State == ProcessState.Blocked)
        {
            return Refuse(
                Invariant($"pid {pid} ({name}) is blocked in wait until a child exits: only runnable processes can be chosen, a blocked one would give the CPU straight back"),
                Invariant($"pid {pid}（{name}）正阻塞在 wait 中，等待子进程退出：只能选择可运行的进程，选了阻塞的进程它也只会立刻交还 CPU"));
        }

        var state = _kernel.Info(pid).State.ToString().ToLowerInvariant();
        return _gate.Ready.Contains(pid) ? null : Refuse(
            Invariant($"pid {pid} ({name}) is {state}: only runnable processes can be chosen"),
            Invariant($"pid {pid}（{name}）处于 {state} 状态：只能选择可运行的进程"));
    }

    /// <summary>The player runs <paramref name="pid"/> next (the action <c>run pid=N</c>). Returns null when accepted, else why it was refused.</summary>
    public string? RunNext(int pid) => Act("run", [new("pid", pid.ToString(CultureInfo.InvariantCulture))]);

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action)
    {
        if (action.Kind != "run")
        {
            return Refuse($"'{action.Kind}' is not an action of this level (its action: run pid=N)", $"“{action.Kind}”不是本关的操作（本关的操作：run pid=N）");
        }

        if (action.Arguments.Count != 1 || action.Arguments[0].Key != "pid"
            || !int.TryParse(action.Arguments[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return Refuse("a run action takes one argument, pid=N (a process id)", "run 操作只有一个参数 pid=N（进程号）");
        }

        if (WhyIllegal(pid) is { } why)
        {
            return why;
        }

        _gate.Chosen = pid;
        return null;
    }

    /// <inheritdoc/>
    protected override string NothingPending() => IsFinished || _runner.Programs.Count == 0
        ? "every process has exited: no decision is pending"
        : Invariant($"no decision is pending at tick {Tick}: the kernel asks only at a scheduling point (a time slice ends, a process yields, blocks or exits) where two or more processes can run");

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        _gate.ClearAsked();
        while (true)
        {
            if (_steps >= MaxSteps)
            {
                return TickOutcome.Completed;
            }

            var before = _kernel.Machine.Clock.Cycles;
            if (_runner.Step() is not { } step)
            {
                if (!_gate.Asked)
                {
                    // Nothing can run: every process has exited, or the rest are blocked for good.
                    _idle = true;
                    Point = null;
                    return TickOutcome.Completed;
                }

                if (!_ranThisTick)
                {
                    return TickOutcome.Waiting;
                }

                _ranThisTick = false;
                _gate.Open = true;
                return TickOutcome.Completed;
            }

            _steps++;
            _ranThisTick = true;
            _gate.Open = false;
            Account(step, _kernel.Machine.Clock.Cycles - before);
        }
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals()
    {
        if (_steps >= MaxSteps)
        {
            return GoalState.Failed(Invariant($"the programs ran {MaxSteps} steps without all exiting: a schedule level's programs must finish"));
        }

        foreach (var goal in Level.Goals)
        {
            if (ExitFailure(goal) is { } why)
            {
                return GoalState.Failed(why);
            }
        }

        if (_runner.Programs.Count == 0)
        {
            return GoalState.Won;
        }

        return _idle
            ? GoalState.Failed($"pids {string.Join(", ", _runner.RunningPids)} are blocked with nothing left to wake them: all-exit cannot hold")
            : GoalState.Running;
    }

    /// <summary>The value of a kernel metric now; <c>faults</c> counts every page fault the kernel handled.</summary>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => _kernel.Machine.Clock.Cycles,
        MetricKind.TlbMisses => _kernel.Machine.Mmu.TlbMisses,
        MetricKind.Faults => _kernel.Counters.Faults,
        MetricKind.MajorFaults => _kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => Counters.PeakFrames,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a schedule session does not measure this"),
    };

    private string? ExitFailure(LevelGoal goal)
    {
        var (status, pids) = goal switch
        {
            AllProcessesExitGoal all => (all.Status, (IEnumerable<int>)_pids),
            ProcessExitsGoal one => (one.Status, [PidOf[one.Process]]),
            _ => (0, []),
        };
        foreach (var pid in pids)
        {
            if (!_runner.Exited.TryGetValue(pid, out var exit))
            {
                continue;
            }

            if (exit.Signal != 0)
            {
                return Invariant($"pid {pid} ({_names[pid]}) was killed by signal {exit.Signal}: the goal needs it to exit with status {status}");
            }

            if (exit.Status != status)
            {
                return Invariant($"pid {pid} ({_names[pid]}) exited with status {exit.Status}: the goal needs status {status}");
            }
        }

        return null;
    }

    private void Account(WorkloadStep step, long cycles)
    {
        if (!_names.ContainsKey(step.Pid))
        {
            Track(step.Pid, _kernel.Info(step.Pid).Name);
        }

        // A fork's child appears in the runner during its parent's step.
        foreach (var pid in _runner.RunningPids)
        {
            if (!_names.ContainsKey(pid))
            {
                Track(pid, _kernel.Info(pid).Name);
            }
        }

        _cycles[step.Pid] += cycles;
        if (step.Action is MemoryAccessAction access)
        {
            _pages[step.Pid].Add(unchecked((ulong)access.Address) >> _kernel.Machine.Description.PageShift);
        }

        var cause = step.Action switch
        {
            YieldAction or SleepAction => SchedulingCause.Yielded,
            WaitAction when _kernel.Exists(step.Pid) && _kernel.Info(step.Pid).State == ProcessState.Blocked => SchedulingCause.Blocked,
            _ when _runner.Exited.ContainsKey(step.Pid) => SchedulingCause.Exited,
            _ => SchedulingCause.SliceEnded,
        };
        Point = new SchedulingPoint(cause, step.Pid, _names[step.Pid]);
    }

    private void Track(int pid, string name)
    {
        _names[pid] = name;
        _cycles[pid] = 0;
        _pages[pid] = [];
        _pids.Add(pid);
        _pids.Sort();
    }

    private int TlbEntriesOf(int pid, IReadOnlyList<Engine.Machine.Tlb.TlbEntryView> tlb)
    {
        if (!_kernel.Exists(pid) || _kernel.MemoryOf(pid).Mm is null)
        {
            return 0;
        }

        if (_kernel.Machine.Description.Tlb.Pcid)
        {
            var pcid = _kernel.MemoryOf(pid).Pcid;
            return pcid == 0 ? 0 : tlb.Count(e => e.Pcid == pcid && !e.Global);
        }

        // Without PCID every CR3 load flushes: only the running process has entries.
        return pid == CurrentPid ? tlb.Count(e => !e.Global) : 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
