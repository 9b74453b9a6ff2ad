namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// Linux's per-CPU ASID slots on x86 with PCID (arch/x86/mm/tlb.c: <c>cpu_tlbstate.ctxs[TLB_NR_DYN_ASIDS]</c>,
/// <c>next_asid</c>, <c>choose_new_asid</c>). Linux does not give every mm its own PCID: each CPU keeps six
/// slots, each remembering the <c>ctx_id</c> of the mm whose TLB entries it holds. Switching to an mm that still
/// owns a slot reuses it without a flush; any other mm takes the next slot round robin, and that slot's entries
/// are flushed by the CR3 load (no NOFLUSH bit). So more than six processes taking turns on one CPU flush on every
/// switch, as they would without PCID. Slot 0 starts owned by <c>init_mm</c> (<c>initialize_tlbstate_and_flush</c>)
/// and <c>next_asid</c> starts at 1, so the first user mm gets ASID 1. The hardware PCID is <c>kern_pcid(asid)</c>
/// = ASID + 1 (PCID 0 is left to code that knows nothing of PCIDs).
/// </summary>
public sealed class DynamicAsids
{
    /// <summary>Linux's <c>TLB_NR_DYN_ASIDS</c>.</summary>
    public const int Count = 6;

    /// <summary>The <c>ctx_id</c> of <c>init_mm</c>, which owns slot 0 at boot; user mms count from the next one.</summary>
    public const ulong InitMmContextId = 1;

    private readonly ulong[] _contextId = new ulong[Count];
    private readonly int[] _pid = new int[Count];
    private int _nextAsid = 1;

    /// <summary>Creates the boot state: slot 0 holds <c>init_mm</c>, the others are empty.</summary>
    public DynamicAsids()
    {
        _contextId[0] = InitMmContextId;
    }

    /// <summary>The hardware PCID of an ASID slot (Linux's <c>kern_pcid</c>).</summary>
    public static ushort PcidOf(int asid) => (ushort)(asid + 1);

    /// <summary>The slot holding <paramref name="contextId"/>'s entries, or −1 when it has none on this CPU.</summary>
    public int Find(ulong contextId)
    {
        for (int asid = 0; asid < Count; asid++)
        {
            if (_contextId[asid] == contextId)
            {
                return asid;
            }
        }

        return -1;
    }

    /// <summary>The pid whose mm holds slot <paramref name="asid"/> (0 for <c>init_mm</c> or none).</summary>
    public int OwnerOf(int asid) => _pid[asid];

    /// <summary>
    /// <c>choose_new_asid</c>: the slot an mm switched to gets, and whether the CR3 load must flush it. A kept
    /// slot needs no flush (the kernel flushes a slot when it changes that mm's tables, so it is never stale); a
    /// new one is the next round robin and is flushed. Side effect: the slot now belongs to
    /// <paramref name="contextId"/>; returns the pid it was taken from (0 when none) in <paramref name="evictedPid"/>.
    /// </summary>
    public int Choose(ulong contextId, int pid, out bool needFlush, out int evictedPid)
    {
        int kept = Find(contextId);
        if (kept >= 0)
        {
            needFlush = false;
            evictedPid = 0;
            return kept;
        }

        int asid = _nextAsid++;
        if (asid >= Count)
        {
            asid = 0;
            _nextAsid = 1;
        }

        evictedPid = _pid[asid];
        _contextId[asid] = contextId;
        _pid[asid] = pid;
        needFlush = true;
        return asid;
    }
}
