using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.City.Simulation;

/// <summary>
/// A small deterministic stand-in for the workload runner, as a finite run: a few processes exec a real ELF
/// (<c>/bin/ls</c>), some are forked (sharing pages copy-on-write), each gets an anonymous buffer; every tick the
/// running process asks for a few accesses from a seeded generator with locality (code fetches, stack and heap
/// writes, buffer reads and writes), which the kernel's translation system serves in the same tick, and a
/// round-robin scheduler switches processes every few ticks. During the first two thirds of
/// <see cref="SandboxSettings.WorkTicks"/> a forked child exits now and then and a new one is forked (fork, COW,
/// exit, reclaim); after the work ticks the programs exit one by one, children first, and the run is
/// <see cref="Finished"/>.
/// </summary>
/// <remarks>
/// <para>Same <see cref="SandboxSettings"/> ⇒ same sequence of kernel calls ⇒ same state.</para>
/// <para>Sized to the machine: a machine below <see cref="CompactBelowFrames"/> frames (or one whose address space
/// does not fit the x86-64 ELF) runs a compact program — code and buffer next to each other at low addresses, so
/// one chain of page tables covers it — and starts only as many processes as leave most of memory for
/// pages (<see cref="ProcessesThatFit"/>). Forks stop while page tables would take more than that.</para>
/// </remarks>
public sealed class SandboxScenario : ISimulationDriver, ISandboxProcessControl
{
    /// <summary>Machines with fewer frames run the compact program instead of exec'ing the ELF.</summary>
    public const long CompactBelowFrames = 64;

    private const int ChurnPeriod = 160;
    private const int ExitSpacing = 8;
    private const long WarmPageCap = 48_000;
    private const ulong ImportedPagesTouched = 512;

    // Page-table frames one exec'd x86-64 ELF needs (text, heap, mmap area and stack lie far apart).
    private const int ElfPageTables = 10;

    private readonly SandboxSettings _settings;
    private readonly Dictionary<int, ProcessPlan> _plans = [];
    private readonly List<int> _forkedChildren = [];
    private readonly Random _random;
    private readonly ulong _pageSize;
    private readonly bool _compact;
    private readonly int _firstPid;
    private long _tick;
    private int _scheduleCursor;
    private long _finishedAt = -1;

    /// <summary>Boots the machine and starts the processes (see <see cref="ProcessesThatFit"/>).</summary>
    /// <exception cref="VmQuest.Engine.Machine.InputFileException">The machine name is unknown.</exception>
    public SandboxScenario(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
#pragma warning disable CA5394 // a seeded, deterministic generator is the point; nothing here is security-related
        _random = new Random(unchecked((int)settings.Seed));
        Kernel = SandboxMachine.Boot(settings);
        _pageSize = Kernel.Machine.Description.PageSize;
        var description = Kernel.Machine.Description;
        _compact = RunsCompact(description, settings.Frames);
        // Size to the frames the kernel can really use: a teaching machine's PTEs name only 128 frames.
        var usable = (long)Math.Min((ulong)settings.Frames, KernelCore.AddressableFrames(Kernel.Machine.Description));
        _firstPid = StartProcesses(ProcessesThatFit(settings.Processes, usable, description.Levels.Count, _compact));
    }

    /// <inheritdoc/>
    public KernelCore Kernel { get; }

    /// <summary>
    /// Processes started (≤ <see cref="SandboxSettings.Processes"/>: fewer when the machine is too small, or when
    /// the kernel refused one — fork's EAGAIN or ENOMEM — which ends the starting).
    /// </summary>
    public int Started { get; private set; }

    /// <inheritdoc/>
    public bool Finished => _finishedAt >= 0;

    /// <inheritdoc/>
    public string Objective
    {
        get
        {
            if (Finished)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Finished: every program exited at tick {_finishedAt} — R runs it again, Esc quits");
            }

            var fewer = Started < _settings.Processes
                ? string.Create(CultureInfo.InvariantCulture, $" · {Started} of {_settings.Processes} programs fit")
                : "";
            var phase = _tick < _settings.WorkTicks
                ? string.Create(CultureInfo.InvariantCulture, $"tick {_tick} of {_settings.WorkTicks}")
                : "programs exiting";
            return $"{phase}{fewer} · watch demand paging, COW after fork, reclaim to swap";
        }
    }

    /// <summary>
    /// Whether a machine runs the compact program rather than a real one (an ELF, an imported layout): fewer than
    /// <see cref="CompactBelowFrames"/> frames, or an address space or page size that does not hold an x86-64 process.
    /// </summary>
    public static bool RunsCompact(VmQuest.Engine.Machine.Description.MachineDescription machine, long frames)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return frames < CompactBelowFrames || machine.VaBits < 47 || machine.PageSize != 4096;
    }

    /// <summary>
    /// How many of <paramref name="asked"/> processes a machine of <paramref name="frames"/> frames runs: each one's
    /// page tables (one chain of <paramref name="levels"/> tables for the compact program, about ten for the ELF)
    /// may take at most a quarter of memory for the compact program (so a 16-frame machine still has room for
    /// pages) and a third for the ELF; at least one process always runs.
    /// </summary>
    public static int ProcessesThatFit(int asked, long frames, int levels, bool compact)
    {
        var share = compact ? 4L : 3L;
        var fit = (int)Math.Min(int.MaxValue, frames / (share * (compact ? Math.Max(1, levels) : ElfPageTables)));
        return Math.Clamp(Math.Min(asked, fit), 1, Math.Max(1, asked));
    }

    /// <inheritdoc/>
    public void Tick()
    {
        if (Finished)
        {
            return;
        }

        _tick++;
        ReapZombies();
        if (_tick > _settings.WorkTicks)
        {
            if ((_tick - _settings.WorkTicks) % ExitSpacing == 1)
            {
                ExitOne();
            }
        }
        else if (_tick % ChurnPeriod == 0 && _tick < _settings.WorkTicks * 2L / 3)
        {
            Churn();
        }

        if (Finished)
        {
            return;
        }

        if (_tick % _settings.TicksPerSlice == 1 || !IsRunnable(Kernel.CurrentPid))
        {
            ScheduleNext();
        }

        // The running process asks for its accesses; the kernel's translation system serves them in order this
        // tick, and drops the rest should one end the process.
        var pid = Kernel.CurrentPid;
        for (var i = 0; i < _settings.AccessesPerTick && pid != 0 && IsRunnable(pid); i++)
        {
            AccessOnce(pid);
        }
    }

    /// <inheritdoc/>
    (int Child, string? Error) ISandboxProcessControl.Fork(int pid)
    {
        var forked = Kernel.TryFork(pid);
        if (!forked.Succeeded)
        {
            return (-1, SandboxForkText.Error(Kernel, forked.Error));
        }

        // The child goes on with its parent's program, from its own hot spot.
        var child = (int)forked.Value;
        _plans[child] = _plans.GetValueOrDefault(pid) with { Hot = 0 };
        return (child, null);
    }

    /// <inheritdoc/>
    void ISandboxProcessControl.Kill(int pid, int signal) => Kernel.Exit(pid, 0, signal); // reaped at the next tick

    private int StartProcesses(int planned)
    {
        // Started is read while spawning (warm-up shares); it holds the plan until the count is known.
        Started = planned;
        var first = Spawn("init");
        int started = 1;
        for (var i = 1; i < planned; i++, started++)
        {
            if (i % 3 == 1 && IsRunnable(first))
            {
                Kernel.SwitchTo(first);
                var child = Kernel.Fork(first);
                if (child < 0)
                {
                    break;
                }

                _plans[child] = _plans.GetValueOrDefault(first) with { Hot = 0 };
                _forkedChildren.Add(child);
            }
            else if (Spawn($"worker{i}") < 0)
            {
                break;
            }
        }

        Started = started;

        ScheduleNext();
        return first;
    }

    /// <returns>The new pid, or −1 when the kernel refused the process (no memory for its tables, the process limit).</returns>
    private int Spawn(string name)
    {
        var pid = Kernel.CreateProcess(_settings.Import is { } imported && !_compact ? imported.ProcessName : name);
        if (pid < 0)
        {
            return pid;
        }

        var plan = new ProcessPlan();
        if (_compact)
        {
            plan = CompactLayout(pid);
        }
        else if (_settings.Import is { } import)
        {
            plan = ImportLayout(pid, import);
        }
        else
        {
            try
            {
                Kernel.Exec(pid, _settings.Program, [_settings.Program, .. _settings.Arguments], ["HOME=/home/player", "LANG=C.UTF-8"]);
                var mm = Kernel.MmOf(pid);
                Kernel.Brk(pid, mm.StartBrk + (16 * _pageSize));
            }
            catch (Exception e) when (e is FormatParseException or IOException or UnauthorizedAccessException)
            {
                // No usable program (no /bin/ls, not an ELF): the process keeps an anonymous layout only.
            }
        }

        if (Kernel.MemoryOf(pid).Mm is null)
        {
            return pid;
        }

        var warmPages = (long)(Kernel.Frames.Count * _settings.WarmFill / Math.Max(1, Started));
        if (!_compact && _settings.Import is null)
        {
            var bufferPages = (ulong)Math.Clamp(warmPages, 16, 1L << 24);
            var hugePages = Kernel.HugePageFrames;
            if (_settings.HugePages && hugePages != 0)
            {
                // Whole huge pages: mmap then puts the buffer on a 2 MiB boundary.
                bufferPages = (bufferPages + hugePages - 1) / hugePages * hugePages;
            }

            var mapped = Kernel.Mmap(pid, 0, bufferPages * _pageSize, VmaPermissions.ReadWrite, MapFlags.Private);
            if (_settings.HugePages && mapped.Succeeded)
            {
                Kernel.Madvise(pid, mapped.Value, bufferPages * _pageSize, MadviseAdvice.HugePage);
            }

            plan = plan with { Buffer = mapped.Succeeded ? mapped.Value : 0, BufferPages = mapped.Succeeded ? bufferPages : 0 };
        }

        _plans[pid] = plan;
        Warm(pid, plan, Math.Min(warmPages, WarmPageCap / Math.Max(1, Started)));
        return pid;
    }

    // An imported address space: its VMAs as they were; the code runs in its text, the data accesses go to its
    // heap (or its largest private writable mapping), a few hundred pages of each at most.
    private ProcessPlan ImportLayout(int pid, ImportedLayout import)
    {
        import.ApplyTo(Kernel, pid);
        var mm = Kernel.MmOf(pid);
        var code = ImportedLayout.CodeOf(mm);
        var data = ImportedLayout.DataOf(mm);
        return new ProcessPlan(
            Buffer: data?.Start ?? 0,
            BufferPages: data is { } d ? Math.Min(d.Length / _pageSize, ImportedPagesTouched) : 0,
            Code: code?.Start ?? 0,
            CodePages: code is { } c ? Math.Min(c.Length / _pageSize, ImportedPagesTouched) : 0);
    }

    // The compact program: code and a buffer side by side at low addresses inside one page-table chain, sized to
    // the address space (OSTEP's 16 KiB space has four pages: one of code, the rest buffer).
    private ProcessPlan CompactLayout(int pid)
    {
        var userPages = KernelCore.UserSpaceEnd(Kernel.Machine.Description) / _pageSize;
        ulong codeAt, codePages, bufferAt, bufferPages;
        if (userPages >= 128)
        {
            // The processes share half of memory as buffers: a little more than the page tables and the reclaim
            // reserve leave on a 16-frame machine (2 code + 8 buffer pages in 8 frames), so reclaim has work to do.
            // Above the NULL guard (mmap_min_addr, scaled to small spaces: 2 KiB = 64 pages on OSTEP's 32-byte pages).
            codeAt = Math.Max(16, Kernel.MmOf(pid).MinMapAddress / _pageSize);
            (codePages, bufferAt) = (Kernel.Frames.Count < 64 ? 2UL : 4UL, codeAt + 16);
            bufferPages = (ulong)Math.Clamp(Kernel.Frames.Count / (2 * Math.Max(1, Started)), 4, 64);
        }
        else
        {
            codeAt = 1;
            codePages = Math.Max(1, (userPages - 1) / 4);
            bufferAt = codeAt + codePages;
            bufferPages = userPages - bufferAt;
        }

        var code = Kernel.Mmap(pid, codeAt * _pageSize, codePages * _pageSize, VmaPermissions.ReadExecute, MapFlags.Fixed);
        var buffer = bufferPages == 0
            ? default
            : Kernel.Mmap(pid, bufferAt * _pageSize, bufferPages * _pageSize, VmaPermissions.ReadWrite, MapFlags.Fixed);
        return new ProcessPlan(
            Buffer: buffer.Succeeded ? buffer.Value : 0,
            BufferPages: buffer.Succeeded ? bufferPages : 0,
            Code: code.Succeeded ? code.Value : 0,
            CodePages: code.Succeeded ? codePages : 0);
    }

    // Fills part of a big machine before the first tick: each process writes the start of its buffer.
    private void Warm(int pid, ProcessPlan plan, long pages)
    {
        if (plan.BufferPages == 0 || pages <= 0 || _compact)
        {
            return;
        }

        Kernel.SwitchTo(pid);
        for (ulong p = 0; p < (ulong)pages && p < plan.BufferPages && IsRunnable(pid); p++)
        {
            Kernel.Access(pid, plan.Buffer + (p * _pageSize), AccessKind.Write, p, 8);
        }
    }

    private void ScheduleNext()
    {
        var pids = Kernel.Pids;
        for (var tried = 0; tried < pids.Count; tried++)
        {
            _scheduleCursor = (_scheduleCursor + 1) % pids.Count;
            var candidate = pids[_scheduleCursor];
            if (IsRunnable(candidate))
            {
                Kernel.SwitchTo(candidate);
                return;
            }
        }
    }

    private bool IsRunnable(int pid) =>
        pid != 0 && Kernel.Exists(pid) && Kernel.MemoryOf(pid).Mm is not null
        && Kernel.Info(pid).State is ProcessState.Ready or ProcessState.Running;

    // Parents reap their exited children (the sandbox itself, as pid 0, reaps the orphans) so no zombie lingers.
    private void ReapZombies()
    {
        var pids = Kernel.Pids;
        for (var i = pids.Count - 1; i >= 0; i--)
        {
            var pid = pids[i];
            if (Kernel.Exists(pid) && Kernel.Info(pid).State == ProcessState.Zombie)
            {
                var parent = Kernel.Info(pid).ParentPid;
                Kernel.Wait(parent != 0 && Kernel.Exists(parent) ? parent : 0);
            }
        }
    }

    // The end of the run: the newest process exits; the first one goes last, and then the run is finished.
    private void ExitOne()
    {
        var pids = Kernel.Pids;
        for (var i = pids.Count - 1; i >= 0; i--)
        {
            var pid = pids[i];
            if (pid != _firstPid && Kernel.Exists(pid) && Kernel.Info(pid).State != ProcessState.Zombie)
            {
                Kernel.Exit(pid, 0);
                return;
            }
        }

        if (Kernel.Exists(_firstPid) && Kernel.Info(_firstPid).State != ProcessState.Zombie)
        {
            Kernel.Exit(_firstPid, 0);
        }

        ReapZombies();
        _finishedAt = _tick;
    }

    // A forked child exits (reaped next tick); the running process forks a new one, sharing its pages copy-on-write.
    private void Churn()
    {
        if (_forkedChildren.Count > 0)
        {
            var old = _forkedChildren[0];
            _forkedChildren.RemoveAt(0);
            if (Kernel.Exists(old) && Kernel.Info(old).State != ProcessState.Zombie)
            {
                Kernel.Exit(old, 0);
            }
        }

        if (!IsRunnable(Kernel.CurrentPid))
        {
            ScheduleNext();
        }

        var current = Kernel.CurrentPid;
        if (IsRunnable(current) && _plans.TryGetValue(current, out var plan) && RoomForAnotherProcess())
        {
            // fork may fail as on Linux (EAGAIN, ENOMEM); the event log narrates it and the run goes on.
            var child = Kernel.Fork(current);
            if (child >= 0)
            {
                _plans[child] = plan with { Hot = 0 };
                _forkedChildren.Add(child);
            }
        }
    }

    // A fork copies the page tables: only fork while page tables (and reserved frames) would stay within the share
    // ProcessesThatFit allows — a quarter of memory for the compact program, a third for the ELF.
    private bool RoomForAnotherProcess()
    {
        var perProcess = _compact ? Kernel.Machine.Description.Levels.Count : ElfPageTables;
        return (Kernel.PageTableFrames + Kernel.ReservedFrames + perProcess) * (_compact ? 4 : 3) <= (long)Kernel.Machine.Frames.FrameCount;
    }

    private void AccessOnce(int pid)
    {
        var plan = _plans.GetValueOrDefault(pid);
        var mm = Kernel.MmOf(pid);
        var roll = _random.Next(100);
        ulong va;
        AccessKind kind;
        if (roll < 30 && mm.EndCode > mm.StartCode)
        {
            va = mm.StartCode + PageNear(plan.Hot, (mm.EndCode - mm.StartCode) / _pageSize);
            kind = AccessKind.Execute;
        }
        else if (roll < 30 && plan.Code != 0)
        {
            va = plan.Code + PageNear(plan.Hot, plan.CodePages);
            kind = AccessKind.Execute;
        }
        else if (roll < 45 && mm.StartStack != 0)
        {
            va = (mm.StartStack & ~(_pageSize - 1)) - ((ulong)_random.Next(3) * _pageSize);
            kind = AccessKind.Write;
        }
        else if (roll < 55 && mm.Brk > mm.StartBrk)
        {
            va = mm.StartBrk + PageNear(plan.Hot, (mm.Brk - mm.StartBrk) / _pageSize);
            kind = AccessKind.Write;
        }
        else if (plan.BufferPages > 0)
        {
            va = plan.Buffer + PageNear(plan.Hot, plan.BufferPages);
            kind = _random.Next(3) == 0 ? AccessKind.Write : AccessKind.Read;
        }
        else
        {
            return;
        }

        if (_random.Next(40) == 0)
        {
            _plans[pid] = plan with { Hot = plan.Hot + (ulong)_random.Next(1, 9) };
        }

        // A request, not a call: the kernel's translation system serves it this tick, as it serves a player's.
        Kernel.World.Events<MemoryAccessRequested>().Send(
            new MemoryAccessRequested(Kernel.EntityOf(pid), va, kind, Width: 8, Value: kind == AccessKind.Write ? (ulong)_tick : null));
    }

    // A page close to the process's hot spot (locality of reference), wrapped into the area.
    private ulong PageNear(ulong hot, ulong pages) =>
        pages == 0 ? 0 : ((hot + (ulong)_random.Next(6)) % pages) * _pageSize;
#pragma warning restore CA5394

    private readonly record struct ProcessPlan(ulong Buffer = 0, ulong BufferPages = 0, ulong Hot = 0, ulong Code = 0, ulong CodePages = 8);
}
