using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// Running out of memory, as Linux answers it: reclaim first (<see cref="ShrinkPageList"/>); when reclaim cannot
/// free enough, the OOM killer (<see cref="OutOfMemoryKill"/>) kills a process; the allocation is then tried again. Nothing here throws: every
/// failure is an answer (the requester killed, ENOMEM, EAGAIN).
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>Frames a root table takes (a root larger than a page takes contiguous frames).</summary>
    private ulong RootFrames => Math.Max(1, (Machine.Description.TableBytes(0) + Machine.Description.PageSize - 1) >> Machine.Description.PageShift);

    // Evicts user pages until `needed` frames are free. False when reclaim cannot get there (nothing resident
    // that may be evicted, or swap full). Each eviction frees a frame, so this ends after at most DataFrames rounds.
    private bool ReclaimUntilFree(ulong needed)
    {
        while (Machine.Frames.FreeCount < needed)
        {
            if (Frames.DataFrames == 0 || !EvictOne())
            {
                return false;
            }
        }

        return true;
    }

    // Reclaim, then the OOM killer, until `needed` frames are free. False when the requester itself was killed
    // or no process is left to kill. Ends: every round frees a frame or kills one of finitely many processes.
    private bool ReclaimOrKill(ulong needed, int requesterPid)
    {
        while (!ReclaimUntilFree(needed))
        {
            if (!OomKill(requesterPid))
            {
                return false;
            }
        }

        return true;
    }

    // Runs the OOM killer once on behalf of `requesterPid`; false when no one could be chosen or the requester died.
    private bool OomKill(int requesterPid) => OutOfMemoryKill.Run(this, requesterPid);

    /// <summary>
    /// The process the OOM killer would choose now (0 when none has an address space): the highest badness
    /// (resident pages + page-table pages + swap entries), the lowest pid on ties; the first process (the lowest
    /// live pid, the sandbox's init) only when no other can be chosen.
    /// </summary>
    public int ChooseOomVictim(out long badness) => OutOfMemoryKill.ChooseVictim(this, out badness);
}
