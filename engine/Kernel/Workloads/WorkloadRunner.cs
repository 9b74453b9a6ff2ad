using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using MachineAccess = VmQuest.Engine.Machine.Walk.AccessKind;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>One step a workload process took: the action and what came of it.</summary>
/// <param name="Pid">The process that ran.</param>
/// <param name="Action">The action it performed.</param>
/// <param name="Access">For memory accesses, the access result.</param>
/// <param name="Note">A short explanation (syscall result, crash reason), or null.</param>
/// <param name="Maps">For <c>maps</c>, the process's <c>/proc/PID/maps</c> at that point, one <c>\n</c>-ended line per VMA; for <c>smaps</c>, its <c>/proc/PID/smaps</c>.</param>
public readonly record struct WorkloadStep(int Pid, WorkloadAction Action, AccessResult? Access, string? Note, string? Maps = null);

/// <summary>
/// Runs workload programs as processes on a <see cref="KernelCore"/>: each <see cref="Step"/> lets the scheduler
/// pick a process (round robin with the kernel's time slice, switching CR3), then performs that process's next
/// action — a memory access, a syscall, fork, exec, exit, wait. An access that waits for a decision is retried
/// on a later step, like a faulting instruction. Deterministic.
/// <para>
/// malloc follows glibc's shape: small requests come from the brk heap, requests of 128 KiB or more get their
/// own mmap (and free unmaps those; brk memory is kept for reuse, so free does not shrink the heap). free checks
/// its pointer as glibc does: freeing a block twice or a pointer malloc did not return aborts the process
/// (SIGABRT); free of 0 does nothing.
/// </para>
/// <para>
/// Resource exhaustion reaches the program as Linux reports it: fork fails with EAGAIN at the kernel's process
/// limit and with ENOMEM without memory (the program sees −1: <c>if failed</c>), malloc/mmap/brk fail with ENOMEM,
/// and a process the OOM killer chose ends with SIGKILL, narrated on the step that ran out of memory.
/// </para>
/// </summary>
public sealed partial class WorkloadRunner
{
    /// <summary>glibc's default mmap threshold.</summary>
    public const long MmapThreshold = 128 * 1024;

    private readonly KernelCore _kernel;
    private readonly IScheduler _scheduler;
    private readonly Dictionary<int, WorkloadCursor> _programs = [];

    // The pids of _programs in ascending order (pids only grow, so a new one is appended): the scheduler's order.
    private readonly List<int> _order = [];
    private readonly List<int> _ready = [];
    private readonly Dictionary<int, WorkloadAction> _retry = [];
    private readonly HashSet<(int Pid, long Address)> _mmapped = [];
    private readonly Dictionary<int, (int Status, int Signal, string Name, int SignalCode, ulong SignalAddress)> _exited = [];
    private readonly Dictionary<int, HeapBlocks> _blocks = [];
    private readonly Dictionary<int, long> _sleepers = [];
    private readonly Dictionary<int, (long Minor, long Major)> _exitedFaults = [];
    private long _sliceStart;
    private bool _sliceGivenUp;

    /// <summary>Creates a runner on <paramref name="kernel"/> with <paramref name="scheduler"/> (round robin by default).</summary>
    public WorkloadRunner(KernelCore kernel, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        _kernel = kernel;
        _scheduler = scheduler ?? new RoundRobinScheduler();
    }

    /// <summary>The kernel the workloads run on.</summary>
    public KernelCore Kernel => _kernel;

    /// <summary>The processes still running a workload, by pid (in ascending pid order when enumerated from <see cref="RunningPids"/>).</summary>
    public IReadOnlyDictionary<int, WorkloadCursor> Programs => _programs;

    /// <summary>The pids of <see cref="Programs"/>, ascending.</summary>
    public IReadOnlyList<int> RunningPids => _order;

    /// <summary>
    /// How each finished workload process ended (kept after init reaps it): exit status, killing signal, name, and
    /// for a fault's SIGSEGV or SIGBUS the siginfo's <c>si_code</c> and <c>si_addr</c> (else 0, 0).
    /// </summary>
    public IReadOnlyDictionary<int, (int Status, int Signal, string Name, int SignalCode, ulong SignalAddress)> Exited => _exited;

    /// <summary>
    /// <paramref name="pid"/>'s own fault counts as <c>getrusage(RUSAGE_SELF)</c> and <c>/proc/PID/stat</c> give
    /// them (<c>ru_minflt</c>, <c>ru_majflt</c>: see <see cref="Processes.ProcessInfo.MinorFaults"/>), read at its
    /// exit once it has finished; (0, 0) for a pid this runner never ran.
    /// </summary>
    public (long Minor, long Major) FaultsOf(int pid) =>
        _exitedFaults.TryGetValue(pid, out var counted) ? counted
        : _programs.ContainsKey(pid) && _kernel.Exists(pid) ? (_kernel.Info(pid).MinorFaults, _kernel.Info(pid).MajorFaults)
        : (0, 0);

    /// <summary>True when no workload process can run (all exited, or all blocked with nothing to wake them; a sleeper wakes).</summary>
    public bool IsIdle => Runnable().Count == 0 && _sleepers.Count == 0;

    /// <summary>The cycle at which <paramref name="pid"/>, asleep in <c>sleep</c>, wakes; null when it is not asleep.</summary>
    public long? SleepingUntil(int pid) => _sleepers.TryGetValue(pid, out var wake) ? wake : null;

    /// <summary>
    /// Starts <paramref name="program"/> in a new process (its image a small executable held in memory under the
    /// program's name, see <see cref="WorkloadImage.Contents"/>) and returns the pid; −1 when the kernel cannot
    /// create one (the process limit, or no memory for its page table).
    /// </summary>
    public int Spawn(WorkloadProgram program, string? name = null, int parentPid = 0)
    {
        ArgumentNullException.ThrowIfNull(program);
        var created = _kernel.TryCreateProcess(name ?? Path.GetFileNameWithoutExtension(program.File), parentPid);
        if (!created.Succeeded)
        {
            return -1;
        }

        var pid = (int)created.Value;
        _kernel.Files.Provide(program.File, WorkloadImage.Contents(_kernel.Machine.Description.PageSize));
        WorkloadImage.Apply(_kernel.MmOf(pid), program.File);
        _programs.Add(pid, new WorkloadCursor(program));
        _order.Add(pid);
        _blocks[pid] = new HeapBlocks();
        return pid;
    }

    /// <summary>Runs one action of one process; null when nothing can run (or the scheduler has not decided).</summary>
    public WorkloadStep? Step()
    {
        var pid = PickProcess();
        if (pid is not { } running)
        {
            return null;
        }

        var cursor = _programs[running];
        WorkloadAction action;
        if (!_retry.Remove(running, out action!))
        {
            try
            {
                action = cursor.Next((string name, out long value) => WorkloadImage.TryResolve(_kernel.MmOf(running), name, out value));
            }
            catch (WorkloadEvaluationException e)
            {
                Finish(running, 127, 0);
                // The program crashed on the line that failed: the narration names that line, not the end.
                var at = new SourcePosition((int)Math.Min(e.Line, int.MaxValue), e.Column);
                return new WorkloadStep(running, new ExitAction(at, 127, Implicit: true), null, e.Message);
            }
        }

        var step = Perform(running, cursor, action);
        return SweepOomVictims(step);
    }

    // The OOM killer may have chosen any process while this step allocated: each victim's program ends, and the
    // step says so (the kernel's log line, "Out of memory: Killed process N").
    private WorkloadStep SweepOomVictims(WorkloadStep step)
    {
        if (_kernel.Counters.OomKills == _oomKillsSeen)
        {
            return step;
        }

        _oomKillsSeen = _kernel.Counters.OomKills;
        var killed = new List<int>();
        foreach (var pid in _order)
        {
            if (_kernel.Info(pid).State == ProcessState.Zombie && _kernel.Info(pid).OomKilled)
            {
                killed.Add(pid);
            }
        }

        foreach (var pid in killed)
        {
            Finish(pid, 0, KernelCore.SigKill);
        }

        var victims = killed.Count == 0 ? "" : "out of memory: the OOM killer killed pid " + string.Join(", pid ", killed);
        if (victims.Length == 0)
        {
            return step;
        }

        return step with { Note = step.Note is { } note ? $"{note}; {victims}" : victims };
    }

    private long _oomKillsSeen;

    /// <summary>Steps until every workload process has finished or blocked for good, at most <paramref name="maxSteps"/> times.</summary>
    public long RunUntilIdle(long maxSteps = 10_000_000)
    {
        long steps = 0;
        while (steps < maxSteps && Step() is not null)
        {
            steps++;
        }

        return steps;
    }

    private WorkloadStep Perform(int pid, WorkloadCursor cursor, WorkloadAction action)
    {
        var mm = _kernel.MmOf(pid);
        switch (action)
        {
            case MemoryAccessAction access:
                var result = _kernel.Access(pid, unchecked((ulong)access.Address), ToMachine(access.Kind),
                    access.Value is { } v ? unchecked((ulong)v) : null);
                if (result.Status == AccessStatus.Waiting)
                {
                    _retry[pid] = action;
                }
                else if (result.Status == AccessStatus.Killed)
                {
                    Finish(pid, 0, _kernel.Info(pid).KilledBy);
                }

                return new WorkloadStep(pid, action, result, result.Fault is { } f ? Faults.FaultOutcomes.Describe(f) : null);
            case MallocAction malloc:
                return new WorkloadStep(pid, action, null, Malloc(pid, cursor, malloc));
            case FreeAction free:
                return new WorkloadStep(pid, action, null, Free(pid, free));
            case BrkAction brk:
                return new WorkloadStep(pid, action, null, $"brk = 0x{_kernel.Brk(pid, unchecked((ulong)brk.Address)).Value:x}");
            case SbrkAction sbrk:
                return new WorkloadStep(pid, action, null, $"brk = 0x{_kernel.Brk(pid, unchecked(mm.Brk + (ulong)sbrk.Delta)).Value:x}");
            case MmapAction map:
                var mapped = _kernel.Mmap(pid, 0, unchecked((ulong)map.Length), ToVma(map.Perms),
                    map.Shared ? MapFlags.Shared : MapFlags.Private, map.File, unchecked((ulong)map.Offset));
                if (mapped.Error == Errno.EAGAIN)
                {
                    _retry[pid] = action;
                    return new WorkloadStep(pid, action, null, "waiting for a decision on the permissions");
                }

                if (mapped.Succeeded)
                {
                    cursor.Bind(map.Name, unchecked((long)mapped.Value));
                }

                return new WorkloadStep(pid, action, null, mapped.Succeeded ? $"{map.Name} = 0x{mapped.Value:x}" : $"mmap = -1, {mapped.Error}");
            case MunmapAction unmap:
                return new WorkloadStep(pid, action, null, Result(_kernel.Munmap(pid, unchecked((ulong)unmap.Address), unchecked((ulong)unmap.Length))));
            case MprotectAction protect:
                return new WorkloadStep(pid, action, null, Result(_kernel.Mprotect(pid, unchecked((ulong)protect.Address), unchecked((ulong)protect.Length), ToVma(protect.Perms))));
            case MadviseAction advise:
                return new WorkloadStep(pid, action, null, Result(_kernel.Madvise(pid, unchecked((ulong)advise.Address), unchecked((ulong)advise.Length), advise.Advice)));
            case ForkAction:
                var forked = _kernel.TryFork(pid);
                if (!forked.Succeeded)
                {
                    cursor.ForkFailed();
                    return new WorkloadStep(pid, action, null, $"fork = -1, {ForkError(forked.Error)}");
                }

                var child = (int)forked.Value;
                _programs.Add(child, cursor.Fork());
                _order.Add(child);
                _blocks[child] = _blocks[pid].Clone();
                return new WorkloadStep(pid, action, null, $"fork = {child}");
            case ExecAction exec:
                return new WorkloadStep(pid, action, null, Exec(pid, exec));
            case ExitAction exit:
                Finish(pid, exit.Status, 0);
                return new WorkloadStep(pid, action, null, null);
            case WaitAction:
                var reaped = _kernel.Wait(pid);
                if (reaped is null)
                {
                    _kernel.Info(pid).State = ProcessState.Blocked;
                    _retry[pid] = action;
                    return new WorkloadStep(pid, action, null, "waiting for a child");
                }

                return new WorkloadStep(pid, action, null, reaped.Value.Pid < 0 ? "no children" : $"reaped {reaped.Value.Pid}, status {reaped.Value.Status}");
            case YieldAction:
                _sliceGivenUp = true;
                return new WorkloadStep(pid, action, null, null);
            case MapsAction:
                // Reading /proc/PID/maps (show_map_vma's format) changes nothing and costs the program no cycles here.
                return new WorkloadStep(pid, action, null, null, MapsWriter.Format(MapsView.Entries(mm.Vmas)));
            case SmapsAction:
                // Reading /proc/PID/smaps (show_smap) changes nothing either.
                return new WorkloadStep(pid, action, null, null, _kernel.Smaps(pid));
            case SleepAction sleep:
                Sleep(pid, sleep.Cycles);
                return new WorkloadStep(pid, action, null, null);
            case ComputeAction compute:
                _kernel.Machine.Clock.Advance(compute.ControlSteps);
                return new WorkloadStep(pid, action, null, null);
            default:
                throw new InvalidOperationException($"unknown workload action {action.GetType().Name}");
        }
    }

    private string Malloc(int pid, WorkloadCursor cursor, MallocAction malloc)
    {
        var mm = _kernel.MmOf(pid);
        if (malloc.Size >= MmapThreshold)
        {
            var mapped = _kernel.Mmap(pid, 0, unchecked((ulong)malloc.Size), VmaPermissions.ReadWrite, MapFlags.Private);
            if (!mapped.Succeeded)
            {
                return $"malloc = NULL, {mapped.Error}";
            }

            cursor.Bind(malloc.Name, unchecked((long)mapped.Value));
            _mmapped.Add((pid, unchecked((long)mapped.Value)));
            _blocks[pid].Allocated(unchecked((long)mapped.Value));
            return $"{malloc.Name} = 0x{mapped.Value:x} (mmap)";
        }

        var start = (mm.Brk + 15) & ~15UL;
        var end = start + unchecked((ulong)Math.Max(malloc.Size, 1));
        if (_kernel.Brk(pid, end).Value != end)
        {
            return "malloc = NULL, ENOMEM (the heap cannot grow)";
        }

        cursor.Bind(malloc.Name, unchecked((long)start));
        _blocks[pid].Allocated(unchecked((long)start));
        return $"{malloc.Name} = 0x{start:x} (heap)";
    }

    // glibc's checks on free: the pointer must be a live block malloc returned; otherwise the process aborts.
    private string? Free(int pid, FreeAction free)
    {
        if (free.Address == 0)
        {
            return "free(NULL) does nothing";
        }

        var verdict = _blocks[pid].Free(free.Address);
        if (verdict is not null)
        {
            Finish(pid, 0, KernelCore.SigAbrt);
            return $"{verdict}: aborted (SIGABRT)";
        }

        if (_mmapped.Remove((pid, free.Address)))
        {
            _kernel.Munmap(pid, unchecked((ulong)free.Address), 1);
        }

        return null;
    }

    private string ForkError(Errno error) => error == Errno.EAGAIN
        ? $"EAGAIN: the limit of {_kernel.Options.MaxProcesses} processes is reached"
        : $"{error}: no memory for the child's page tables";

    private string Exec(int pid, ExecAction exec)
    {
        try
        {
            if (exec.Path.EndsWith(".vmw", StringComparison.Ordinal))
            {
                // A workload script is a program too: a fresh address space laid out for it, a fresh cursor.
                var program = WorkloadParser.ParseFile(exec.Path);
                _kernel.ResetAddressSpace(pid);
                _kernel.Files.Provide(program.File, WorkloadImage.Contents(_kernel.Machine.Description.PageSize));
                WorkloadImage.Apply(_kernel.MmOf(pid), program.File);
                _programs[pid] = new WorkloadCursor(program);
                _blocks[pid] = new HeapBlocks();
                return $"exec {exec.Path}";
            }

            var result = _kernel.Exec(pid, exec.Path, [exec.Path, .. exec.Args], []);

            // The new program is real machine code VmQuest does not interpret: it is started (its first
            // instruction fetched, its stack touched) and then exits.
            if (_kernel.Info(pid).State == ProcessState.Zombie)
            {
                Finish(pid, 0, _kernel.Info(pid).KilledBy);
                return $"exec {exec.Path}: killed while building the new stack";
            }

            _kernel.SwitchTo(pid);
            _kernel.Access(pid, result.Entry, MachineAccess.Execute, width: 1);
            if (_kernel.Exists(pid) && _kernel.Info(pid).State != ProcessState.Zombie)
            {
                _kernel.Access(pid, result.StackPointer, MachineAccess.Write, 0);
            }

            Finish(pid, 0, 0);
            return $"exec {exec.Path}: entry 0x{result.Entry:x}";
        }
        catch (FormatParseException e)
        {
            return $"exec failed: {e.Message}";
        }
    }

    private void Finish(int pid, int status, int signal)
    {
        if (_kernel.Info(pid).State != ProcessState.Zombie)
        {
            _kernel.Exit(pid, status, signal);
        }

        var info = _kernel.Info(pid);
        _exited[pid] = (info.ExitCode, info.KilledBy, info.Name, info.SignalCode, info.SignalAddress);
        _exitedFaults[pid] = (info.MinorFaults, info.MajorFaults);
        if (_programs.Remove(pid))
        {
            _order.RemoveAt(_order.BinarySearch(pid));
        }

        _retry.Remove(pid);
        _sleepers.Remove(pid);
        _mmapped.RemoveWhere(m => m.Pid == pid);
        _blocks.Remove(pid);
        ReapOrphan(pid);
    }

    // A zombie whose parent is gone (or was never a workload) is reaped at once, like init does.
    private void ReapOrphan(int pid)
    {
        var parent = _kernel.Info(pid).ParentPid;
        if (parent == 0 || !_kernel.Exists(parent))
        {
            _kernel.Info(pid).ParentPid = 0;
            _kernel.WaitFor(0, pid);
        }
    }

    /// <summary>
    /// The scheduling decision <see cref="Step"/> starts with: keeps the running process while its time slice lasts,
    /// else asks the scheduler and switches to its choice. Returns who runs; null when nothing can run or the
    /// scheduler has not decided. Asking again at once gives the same answer and changes nothing.
    /// </summary>
    public int? Schedule() => PickProcess();

    private int? PickProcess()
    {
        WakeSleepers();
        var current = _kernel.CurrentPid;
        var sliceOver = _sliceGivenUp || _kernel.Machine.Clock.Cycles - _sliceStart >= _kernel.Options.TimeSlice;
        if (current != 0 && _programs.ContainsKey(current) && _kernel.Info(current).State == ProcessState.Running && !sliceOver)
        {
            return current;
        }

        var ready = Runnable();
        if (ready.Count == 0 || _scheduler.ChooseNext(ready, current) is not { } next)
        {
            return null;
        }

        _kernel.SwitchTo(next);

        // A process that slept alone wakes to the CPU it left: no switch, but it runs again.
        _kernel.Info(next).State = ProcessState.Running;
        _sliceStart = _kernel.Machine.Clock.Cycles;
        _sliceGivenUp = false;
        return next;
    }

    // nanosleep: the task blocks (TASK_INTERRUPTIBLE) until its timer fires and the others run meanwhile; the
    // clock is not advanced here, only by the work done while it sleeps (or by the idle CPU, see WakeSleepers).
    // A wake time past the clock's end (2^63 − 1 cycles) saturates there rather than wrap.
    private void Sleep(int pid, long cycles)
    {
        var now = _kernel.Machine.Clock.Cycles;
        _sleepers[pid] = cycles > long.MaxValue - now ? long.MaxValue : now + cycles;
        _kernel.Info(pid).State = ProcessState.Blocked;
        _sliceGivenUp = true;
    }

    // The timer wheel: sleepers whose time has come are ready again. When nobody can run but someone sleeps, the
    // CPU idles until the earliest wake-up (the clock jumps there). A sleeper woken early (the kernel readies a
    // blocked parent when a child exits; SIGCHLD's default action does not interrupt nanosleep) goes back to sleep.
    private void WakeSleepers()
    {
        if (_sleepers.Count == 0)
        {
            return;
        }

        var clock = _kernel.Machine.Clock;
        WakeDue(clock.Cycles);
        if (_sleepers.Count > 0 && Runnable().Count == 0)
        {
            var earliest = long.MaxValue;
            foreach (var wake in _sleepers.Values)
            {
                earliest = Math.Min(earliest, wake);
            }

            clock.Advance(Math.Max(0, earliest - clock.Cycles));
            WakeDue(clock.Cycles);
        }
    }

    private void WakeDue(long now)
    {
        foreach (var (pid, wake) in _sleepers)
        {
            ref var info = ref _kernel.Info(pid);
            if (wake <= now)
            {
                info.State = info.State == ProcessState.Blocked ? ProcessState.Ready : info.State;
                _sleepers.Remove(pid);
            }
            else if (info.State == ProcessState.Ready)
            {
                info.State = ProcessState.Blocked;
            }
        }
    }

    // Reuses one list: called at every context switch, over up to the kernel's process limit.
    private List<int> Runnable()
    {
        _ready.Clear();
        foreach (var pid in _order)
        {
            if (_kernel.Info(pid).State is ProcessState.Ready or ProcessState.Running)
            {
                _ready.Add(pid);
            }
        }

        return _ready;
    }

    private static string Result(SyscallResult result) => result.Succeeded ? "ok" : $"failed: {result.Error}";

    private static MachineAccess ToMachine(AccessKind kind) => kind switch
    {
        AccessKind.Write => MachineAccess.Write,
        AccessKind.Fetch => MachineAccess.Execute,
        _ => MachineAccess.Read,
    };

    private static VmaPermissions ToVma(MemoryPerms perms) =>
        ((perms & MemoryPerms.Read) != 0 ? VmaPermissions.Read : VmaPermissions.None) |
        ((perms & MemoryPerms.Write) != 0 ? VmaPermissions.Write : VmaPermissions.None) |
        ((perms & MemoryPerms.Exec) != 0 ? VmaPermissions.Execute : VmaPermissions.None);
}
