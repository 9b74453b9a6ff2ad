using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Ptes;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Reclaim.Linux;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The simulated kernel: processes (ECS entities with <see cref="ProcessInfo"/> and <see cref="ProcessMemory"/>),
/// their address spaces and page tables, the page-fault handler, fork with copy-on-write, exec, exit and wait,
/// the memory syscalls, context switches, and reclaim to swap — on one booted <see cref="MachineState"/>.
/// <para>
/// Guarantees (checked by <see cref="KernelInvariants"/>): frames are conserved; a data frame's map count equals
/// the number of present PTEs that map it; copy-on-write pages are read-only wherever they are shared; the TLB
/// never disagrees with the tables; each address space's VMAs are sorted and disjoint. Deterministic: the same
/// calls in the same order give the same state. Not thread-safe.
/// </para>
/// <para>
/// Exhaustion never throws: a fault that finds no frame reclaims, then runs the OOM killer (the faulting process
/// may be the one killed); fork and process creation fail with EAGAIN at <see cref="KernelOptions.MaxProcesses"/>
/// and ENOMEM without frames for the tables; mmap and brk refuse what overcommit would refuse. Frames a PTE cannot
/// name are reserved at boot (<see cref="AddressableFrames"/>).
/// </para>
/// </summary>
public sealed partial class KernelCore
{
    private readonly Dictionary<int, Entity> _processes = [];

    // The last pid EntityOf found, and its entity: one fault asks for its process's components several times
    // (the mm, the root, the counters), so the dictionary is searched once. Forgotten when that process goes.
    private int _lastPid = int.MinValue;
    private Entity _lastEntity;
    private readonly List<int> _pids = [];
    private readonly Dictionary<(int FileId, ulong Offset), ulong> _pageCache = [];
    private readonly Dictionary<ulong, ulong> _swapCache = [];
    private readonly IReplacementPolicy _policy;
    private readonly PteLayout _pte;
    private readonly IAccessObserver? _accessObserver;
    private int _nextPid = 1;
    private ulong _nextContextId = DynamicAsids.InitMmContextId + 1;

    /// <summary>Boots <paramref name="machine"/> and starts a kernel on it with no processes.</summary>
    public KernelCore(MachineDescription machine, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Options = options ?? new KernelOptions();
        Machine = MachineState.Boot(machine);
        World = new World(Options.Seed);
        Frames = new FrameTable(World, machine.FrameCount, machine.PageShift);

        // Frames a PTE cannot name are unusable, as memory above what a kernel can map is ("only N MB usable"):
        // they are reserved at boot, so no entry is ever truncated to another frame's number.
        var addressable = AddressableFrames(machine);
        for (ulong f = 0; f < machine.FrameCount; f++)
        {
            if (f >= addressable && !Machine.Frames.IsUsed(f))
            {
                Machine.Frames.Reserve(f);
            }

            if (Machine.Frames.IsUsed(f))
            {
                Frames.MarkReserved(f);
                ReservedFrames++;
            }
        }

        Walks = new PageTableWalks(machine, Machine.Memory);
        Machine.Tables.TableAllocated = TableAllocated;
        Ptes = new PteEntities(World, machine, Machine.Memory);
        Files = new FileStore();

        // A swap entry keeps its slot in the PTE's frame field: no more slots than the field can name.
        Swap = new SwapArea((int)Math.Min((ulong)Math.Max(2, Options.SwapSlots), Math.Max(2, machine.Pte.FrameFieldMask)));
        _pte = machine.Pte;
        _policy = ReplacementPolicies.CreateForKernel(Options.ReplacementPolicy, checked((int)machine.FrameCount), World.Random, Options.Future,
            new PageReferences(this), machine.PageShift, Counters.VmStat);
        Watermarks = ZoneWatermarks.ForSingleZone((long)machine.FrameCount - ReservedFrames, (long)machine.PageSize);
        WatermarkReclaim = _policy is LinuxLruPolicy && Watermarks.ManagedPages > 2 * (Watermarks.High + LinuxLruPolicy.SwapClusterMax);
        TaskSize = UserSpaceEnd(machine);
        _accessObserver = Options.AccessObserver;
    }

    /// <summary>The configuration.</summary>
    public KernelOptions Options { get; }

    /// <summary>The hardware: memory, frame allocator, MMU (CR3, TLB), page-table editor, cycle counter.</summary>
    public MachineState Machine { get; }

    /// <summary>The ECS world holding the process and frame entities, the events and the seeded generator.</summary>
    public World World { get; }

    /// <summary>Per-frame bookkeeping: the frame entities' components.</summary>
    public FrameTable Frames { get; }

    /// <summary>Raw page-table walks.</summary>
    public PageTableWalks Walks { get; }

    /// <summary>The files pages are read from.</summary>
    public FileStore Files { get; }

    /// <summary>The swap device.</summary>
    public SwapArea Swap { get; }

    /// <summary>The first address above user space.</summary>
    public ulong TaskSize { get; }

    /// <summary>The running process's pid, or 0 when none runs.</summary>
    public int CurrentPid { get; private set; }

    /// <summary>The replacement policy's name.</summary>
    public string PolicyName => _policy.Name;

    /// <summary>Live and zombie pids, ascending.</summary>
    public IReadOnlyList<int> Pids => _pids;

    /// <summary>Statistics of everything the kernel has done.</summary>
    public KernelCounters Counters { get; } = new();

    /// <summary>The CPU's six ASID slots (used only when the TLB has PCIDs).</summary>
    public DynamicAsids Asids { get; } = new();

    /// <summary>
    /// Whether switching to <paramref name="pid"/> now would flush its TLB entries: always without PCIDs; with
    /// them when its mm owns no ASID slot (<c>choose_new_asid</c> would take a new one).
    /// </summary>
    public bool SwitchWouldFlush(int pid) =>
        !Machine.Description.Tlb.Pcid || Asids.Find(MemoryOf(pid).ContextId) < 0;

    /// <summary>True when <paramref name="pid"/> names a live or zombie process.</summary>
    public bool Exists(int pid) => pid == _lastPid || _processes.ContainsKey(pid);

    /// <summary>The process entity for <paramref name="pid"/>.</summary>
    public Entity EntityOf(int pid)
    {
        if (pid == _lastPid)
        {
            return _lastEntity;
        }

        if (!_processes.TryGetValue(pid, out var entity))
        {
            throw new ArgumentException($"no process {pid}", nameof(pid));
        }

        (_lastPid, _lastEntity) = (pid, entity);
        return entity;
    }

    /// <summary>The process component of <paramref name="pid"/>.</summary>
    public ref ProcessInfo Info(int pid) => ref World.Get<ProcessInfo>(EntityOf(pid));

    /// <summary>The memory component of <paramref name="pid"/>.</summary>
    public ref ProcessMemory MemoryOf(int pid) => ref World.Get<ProcessMemory>(EntityOf(pid));

    /// <summary>The address space of a live process (throws for a zombie).</summary>
    public MemoryDescriptor MmOf(int pid) =>
        MemoryOf(pid).Mm ?? throw new InvalidOperationException($"process {pid} has exited; it has no address space");

    /// <summary>What <paramref name="frame"/> holds; frames the allocator holds that no one else claims are page tables.</summary>
    public FrameUse UseOf(ulong frame)
    {
        var use = Frames.UseOf(frame);
        return use == FrameUse.Free && Machine.Frames.IsUsed(frame) ? FrameUse.PageTable : use;
    }

    /// <summary>Frames holding page tables now.</summary>
    public long PageTableFrames =>
        (long)(Machine.Frames.FrameCount - Machine.Frames.FreeCount) - Frames.DataFrames - ReservedFrames;

    /// <summary>Frames the machine image reserved at boot, and the kernel's zero page once it is made (<see cref="ZeroPageFrame"/>).</summary>
    public long ReservedFrames { get; private set; }

    /// <summary>
    /// How many frames the machine's PTEs can name (2^frame bits, at most its frame count): the frames a kernel on
    /// it can use. Frames above are reserved at boot.
    /// </summary>
    public static ulong AddressableFrames(MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var field = machine.Pte.FrameFieldMask;
        return field == ulong.MaxValue ? machine.FrameCount : Math.Min(machine.FrameCount, field + 1);
    }

    /// <summary>
    /// Linux's TASK_SIZE for a machine: the lower canonical half less a guard page where addresses are sign-extended
    /// (x86-64: 0x7ffffffff000, Sv39: 2^38 − 4 KiB), the classic 3 GiB user split on a 32-bit machine, and the
    /// whole (tiny) space on the teaching machines.
    /// </summary>
    public static ulong UserSpaceEnd(MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.AddressCheck == AddressCheck.SignExtend)
        {
            return (1UL << (machine.VaBits - 1)) - machine.PageSize;
        }

        return machine.VaBits == 32 ? 0xC000_0000UL : 1UL << machine.VaBits;
    }

    private int NewPid() => _nextPid++;

    // Linux's ctx_id: init_new_context takes the next value of a global counter for every new mm.
    private ulong NewContextId() => _nextContextId++;

    // Events cost a queue append each; batch tools that only read counters switch them off.
    internal void Publish<T>(in T happened)
        where T : struct
    {
        if (Options.PublishEvents)
        {
            World.Events<T>().Send(happened);
        }
    }

    private MemoryDescriptor NewMm(int pid) =>
        new(Machine.Description.PageSize, TaskSize, new ProcessMappingObserver(this, pid), World, pid) { HugePageAlignment = HugePageSize };

    /// <summary>
    /// Creates an empty process (no VMAs, a fresh root table) and returns its pid, or −1 when it cannot be
    /// created (<see cref="TryCreateProcess"/> says why).
    /// </summary>
    public int CreateProcess(string name, int parentPid = 0)
    {
        var created = TryCreateProcess(name, parentPid);
        return created.Succeeded ? (int)created.Value : -1;
    }

    /// <summary>
    /// Creates an empty process (no VMAs, a fresh root table); the result's value is its pid. Fails with
    /// <see cref="Errno.EAGAIN"/> at <see cref="KernelOptions.MaxProcesses"/> and with <see cref="Errno.ENOMEM"/>
    /// when reclaim cannot free a frame for the root table; nothing changes then except the evictions made.
    /// </summary>
    public SyscallResult TryCreateProcess(string name, int parentPid = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_pids.Count >= Options.MaxProcesses)
        {
            Counters.ForkFailures++;
            return SyscallResult.Fail(Errno.EAGAIN);
        }

        if (!ReclaimUntilFree(RootFrames))
        {
            Counters.ForkFailures++;
            return SyscallResult.Fail(Errno.ENOMEM);
        }

        var pid = NewPid();
        var root = NewRoot(pid);
        var entity = World.Create(
            new ProcessInfo { Pid = pid, ParentPid = parentPid, State = ProcessState.Ready, Name = name },
            new ProcessMemory { Mm = NewMm(pid), Root = root, ContextId = NewContextId() });
        _processes.Add(pid, entity);
        _pids.Add(pid);
        if (parentPid != 0 && Exists(parentPid))
        {
            Info(parentPid).Children++;
        }

        Publish(new ProcessForked(pid, parentPid));
        return SyscallResult.Ok((ulong)pid);
    }

    private sealed class ProcessMappingObserver(KernelCore kernel, int pid) : IMappingObserver
    {
        public void Unmapped(in VmArea area) => kernel.ZapRange(pid, area.Start, area.End);

        public void ProtectionChanged(ulong startAddress, ulong endAddress, VmaPermissions permissions) =>
            kernel.Reprotect(pid, startAddress, endAddress);

        public bool HasAnonymousPages(ulong startAddress, ulong endAddress) => kernel.HasAnonymousPages(pid, startAddress, endAddress);
    }
}
