using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.City.Simulation;

/// <summary>
/// A small deterministic stand-in for the workload runner: a few processes exec a real ELF (<c>/bin/ls</c>), some
/// are forked (sharing pages copy-on-write), each gets an anonymous buffer; every tick the running process makes
/// a few accesses from a seeded generator with locality (code fetches, stack and heap writes, buffer reads and
/// writes), and a round-robin scheduler switches processes every few ticks. Now and then a forked child exits and
/// a new one is forked, so the city shows fork, COW, exit and reclaim.
/// </summary>
/// <remarks>Same <see cref="SandboxSettings"/> ⇒ same sequence of kernel calls ⇒ same state.</remarks>
public sealed class SandboxScenario : ISimulationDriver
{
    private const int ChurnPeriod = 160;
    private const long WarmPageCap = 200_000;

    private readonly SandboxSettings _settings;
    private readonly Dictionary<int, ProcessPlan> _plans = [];
    private readonly List<int> _forkedChildren = [];
    private readonly Random _random;
    private readonly ulong _pageSize;
    private long _tick;
    private int _scheduleCursor;

    /// <summary>Boots the machine and starts <see cref="SandboxSettings.Processes"/> processes.</summary>
    /// <exception cref="VmQuest.Engine.Machine.InputFileException">The machine name is unknown.</exception>
    public SandboxScenario(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
#pragma warning disable CA5394 // a seeded, deterministic generator is the point; nothing here is security-related
        _random = new Random(unchecked((int)settings.Seed));
        var machine = BuiltinMachines.Load(settings.Machine).WithImage(null);
        _pageSize = machine.PageSize;
        machine = machine.WithPhysicalMemory((ulong)Math.Max(16, settings.Frames) * _pageSize);
        Kernel = new KernelCore(machine, new KernelOptions { Seed = settings.Seed, SwapSlots = 1 << 20 });
        StartProcesses();
    }

    /// <inheritdoc/>
    public KernelCore Kernel { get; }

    /// <inheritdoc/>
    public string Objective =>
        "Objective: watch demand paging, COW after fork, reclaim to swap";

    /// <inheritdoc/>
    public void Tick()
    {
        _tick++;
        if (_tick % _settings.TicksPerSlice == 1 || !IsRunnable(Kernel.CurrentPid))
        {
            ScheduleNext();
        }

        if (_tick % ChurnPeriod == 0)
        {
            Churn();
        }

        var pid = Kernel.CurrentPid;
        for (var i = 0; i < _settings.AccessesPerTick && pid != 0 && IsRunnable(pid); i++)
        {
            AccessOnce(pid);
        }
    }

    private void StartProcesses()
    {
        var first = Spawn("init");
        for (var i = 1; i < Math.Max(1, _settings.Processes); i++)
        {
            if (i % 3 == 1)
            {
                Kernel.SwitchTo(first);
                var child = Kernel.Fork(first);
                _plans[child] = _plans[first] with { Hot = 0 };
                _forkedChildren.Add(child);
            }
            else
            {
                Spawn($"worker{i}");
            }
        }

        ScheduleNext();
    }

    private int Spawn(string name)
    {
        var pid = Kernel.CreateProcess(name);
        var plan = new ProcessPlan();
        var description = Kernel.Machine.Description;
        var foreign = description.VaBits < 47 || description.PageSize != 4096;
        if (foreign)
        {
            // The program is an x86-64 Linux ELF: on a 32-bit, Sv39-less or teaching machine its layout does not
            // fit, so the process gets a small code mapping instead (exec would fail after dropping the old mm).
            // Fixed low addresses: they exist on every machine, down to OSTEP's 32 KiB address space.
            var code = Kernel.Mmap(pid, 16 * _pageSize, 8 * _pageSize, VmaPermissions.ReadExecute, MapFlags.Fixed);
            plan = plan with { Code = code.Succeeded ? code.Value : 0 };
        }
        else
        {
            try
            {
                Kernel.Exec(pid, _settings.Program, [_settings.Program, "-l"], ["HOME=/home/player", "LANG=C.UTF-8"]);
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

        var warmPages = (long)(Kernel.Frames.Count * _settings.WarmFill / Math.Max(1, _settings.Processes));
        var bufferPages = (ulong)Math.Clamp(warmPages, 16, 1L << 24);
        var mapped = foreign
            ? Kernel.Mmap(pid, 64 * _pageSize, bufferPages * _pageSize, VmaPermissions.ReadWrite, MapFlags.Fixed)
            : Kernel.Mmap(pid, 0, bufferPages * _pageSize, VmaPermissions.ReadWrite, MapFlags.Private);
        plan = plan with { Buffer = mapped.Succeeded ? mapped.Value : 0, BufferPages = mapped.Succeeded ? bufferPages : 0 };
        _plans[pid] = plan;
        Warm(pid, plan, Math.Min(warmPages, WarmPageCap / Math.Max(1, _settings.Processes)));
        return pid;
    }

    // Fills part of a big machine before the first tick: each process writes the start of its buffer.
    private void Warm(int pid, ProcessPlan plan, long pages)
    {
        if (plan.BufferPages == 0 || pages <= 0)
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
            if (IsRunnable(candidate) && Kernel.Info(candidate).State != ProcessState.Suspended)
            {
                Kernel.SwitchTo(candidate);
                return;
            }
        }
    }

    private bool IsRunnable(int pid) =>
        pid != 0 && Kernel.Exists(pid) && Kernel.MemoryOf(pid).Mm is not null
        && Kernel.Info(pid).State is ProcessState.Ready or ProcessState.Running;

    // A forked child exits (and is reaped); the running process forks a new one, sharing its pages copy-on-write.
    private void Churn()
    {
        if (_forkedChildren.Count > 0)
        {
            var old = _forkedChildren[0];
            _forkedChildren.RemoveAt(0);
            if (Kernel.Exists(old))
            {
                var parent = Kernel.Info(old).ParentPid;
                Kernel.Exit(old, 0);
                Kernel.Wait(parent);
            }
        }

        if (!IsRunnable(Kernel.CurrentPid))
        {
            ScheduleNext();
        }

        var current = Kernel.CurrentPid;
        if (IsRunnable(current) && _plans.TryGetValue(current, out var plan))
        {
            var child = Kernel.Fork(current);
            _plans[child] = plan with { Hot = 0 };
            _forkedChildren.Add(child);
        }
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
            va = plan.Code + PageNear(plan.Hot, 8);
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

        Kernel.Access(pid, va, kind, kind == AccessKind.Write ? (ulong)_tick : null, 8);
    }

    // A page close to the process's hot spot (locality of reference), wrapped into the area.
    private ulong PageNear(ulong hot, ulong pages) =>
        pages == 0 ? 0 : ((hot + (ulong)_random.Next(6)) % pages) * _pageSize;
#pragma warning restore CA5394

    private readonly record struct ProcessPlan(ulong Buffer = 0, ulong BufferPages = 0, ulong Hot = 0, ulong Code = 0);
}
