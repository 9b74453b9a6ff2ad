using System.Runtime.CompilerServices;
using VmQuest.Engine.Machine.Costs;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine;

/// <summary>
/// The memory-management unit of one CPU: CR3 (root + PCID), the TLB and the page walker, charging the cycle
/// counter from the machine's cost table (one <c>tlbHit</c> per lookup, one <c>walkMemoryReference</c> per entry
/// read). Translation is allocation-free and touches only arrays. Guarantee: with every page-table change
/// followed by <see cref="InvalidatePage"/> (which <see cref="PageTables.PageTableEditor"/> does), a translation
/// through the TLB equals a fresh walk.
/// </summary>
public sealed class Mmu
{
    private readonly MachineDescription _machine;
    private readonly PhysicalMemory _memory;
    private readonly CycleCounter _clock;
    private readonly long _hitCost;
    private readonly long _refCost;
    private readonly int[] _levelOfShift = new int[64];

    /// <summary>Creates an MMU with an empty TLB and CR3 = 0.</summary>
    public Mmu(MachineDescription machine, PhysicalMemory memory, CycleCounter clock)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machine = machine;
        _memory = memory;
        _clock = clock;
        _hitCost = machine.Costs.TlbHit;
        _refCost = machine.Costs.WalkMemoryReference;
        for (int level = 0; level < machine.Levels.Count; level++)
        {
            _levelOfShift[machine.LevelShift(level)] = level;
        }
        Tlb = new TranslationLookasideBuffer(machine.Tlb, machine);
    }

    /// <summary>Physical address of the current root table.</summary>
    public ulong Cr3 { get; private set; }

    /// <summary>Current process-context identifier (0 when PCIDs are off).</summary>
    public ushort Pcid { get; private set; }

    /// <summary>The TLB.</summary>
    public TranslationLookasideBuffer Tlb { get; }

    /// <summary>Translations served by the TLB.</summary>
    public long TlbHits { get; private set; }

    /// <summary>Translations that needed a walk.</summary>
    public long TlbMisses { get; private set; }

    /// <summary>
    /// Loads CR3 (a context switch). Without PCIDs every non-global TLB entry is flushed; with PCIDs the entries
    /// stay, tagged, and only those of <paramref name="pcid"/> are used (Linux's no-flush CR3 write).
    /// </summary>
    public void LoadCr3(ulong root, ushort pcid = 0) => LoadCr3(root, pcid, noFlush: true);

    /// <summary>
    /// Loads CR3 with PCID <paramref name="pcid"/>. Without PCIDs every non-global TLB entry is flushed whatever
    /// <paramref name="noFlush"/> says (the bit does not exist). With PCIDs, CR3 bit 63 (NOFLUSH) decides: set, the
    /// entries of every PCID stay; clear, the non-global entries of <paramref name="pcid"/> are dropped first
    /// (what Linux's <c>load_new_mm_cr3</c> asks for when <c>choose_new_asid</c> reports a stale slot).
    /// </summary>
    public void LoadCr3(ulong root, ushort pcid, bool noFlush)
    {
        Cr3 = root;
        if (_machine.Tlb.Pcid)
        {
            Pcid = pcid;
            if (!noFlush)
            {
                Tlb.FlushPcid(pcid);
                _clock.Advance(_machine.Costs.TlbFlush);
            }
        }
        else
        {
            Pcid = 0;
            Tlb.FlushAll(keepGlobal: true);
            _clock.Advance(_machine.Costs.TlbFlush);
        }
    }

    /// <summary><c>invlpg</c>: drops the TLB entries covering <paramref name="va"/> in every address space.</summary>
    public void InvalidatePage(ulong va)
    {
        Tlb.InvalidatePage(va);
        _clock.Advance(_machine.Costs.TlbFlush);
    }

    /// <summary>Drops the non-global entries of one PCID.</summary>
    public void FlushPcid(ushort pcid)
    {
        Tlb.FlushPcid(pcid);
        _clock.Advance(_machine.Costs.TlbFlush);
    }

    /// <summary>Drops every TLB entry, global ones included.</summary>
    public void FlushTlb()
    {
        Tlb.FlushAll();
        _clock.Advance(_machine.Costs.TlbFlush);
    }

    /// <summary>Translates through the TLB, walking on a miss; allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Translation Translate(ulong va, AccessKind access, PrivilegeLevel mode)
    {
        var none = default(NoWalkObserver);
        return Translate(va, access, mode, ref none);
    }

    /// <summary>Translates through the TLB, reporting walk steps (none on a hit) to <paramref name="observer"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // Into the trace replay's loop, whose code is optimised at once (no profile to guide the inliner).
    public Translation Translate<TObserver>(ulong va, AccessKind access, PrivilegeLevel mode, ref TObserver observer)
        where TObserver : struct, IWalkObserver
    {
        bool tlb = Tlb.Enabled;
        if (tlb && Tlb.TryTranslate(va, Pcid, access, mode, out ulong pa, out int shift, out PteBits effective))
        {
            _clock.Advance(_hitCost);
            TlbHits++;
            return new Translation(va, pa, FaultKind.None, PageFaultErrorCode.None, _levelOfShift[shift], shift,
                true, effective);
        }

        TlbMisses++;
        Translation t = PageWalker.Walk(_machine, _memory, Cr3, va, access, mode, ref observer);
        _clock.Advance(_hitCost + (_refCost * (t.Level + 1)));
        if (!tlb)
        {
            return t;
        }

        if (t.IsOk)
        {
            Tlb.Fill(t, Pcid);
        }
        else
        {
            // Hardware drops a TLB entry that led to a fault, so the handler's fix is seen on retry.
            Tlb.InvalidatePage(va);
        }

        return t;
    }
}
