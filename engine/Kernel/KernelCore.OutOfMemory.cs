using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// Running out of memory, as Linux's <c>mm/oom_kill.c</c> answers it: reclaim first; when reclaim cannot free
/// enough, the OOM killer picks the process with the highest badness (resident pages + page-table pages + swap
/// entries, <c>oom_badness</c>), never the first process while another can be chosen (init is unkillable),
/// kills it with SIGKILL and frees its memory; the allocation is then tried again. Nothing here throws: every
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

    /// <summary>
    /// Runs the OOM killer once on behalf of <paramref name="requesterPid"/>: chooses the victim with the highest
    /// badness and kills it with SIGKILL. Returns false when no process could be chosen or the requester itself
    /// was chosen (it is dead now).
    /// </summary>
    private bool OomKill(int requesterPid)
    {
        var victim = ChooseOomVictim(out var badness);
        if (victim == 0)
        {
            return false;
        }

        Counters.OomKills++;
        Exit(victim, 0, SigKill);
        Info(victim).OomKilled = true;
        Publish(new OomKilled(victim, requesterPid, badness));
        return victim != requesterPid;
    }

    /// <summary>
    /// The process the OOM killer would choose now (0 when none has an address space): the highest badness
    /// (resident pages + page-table pages + swap entries), the lowest pid on ties; the first process (the lowest
    /// live pid, the sandbox's init) only when no other can be chosen.
    /// </summary>
    public int ChooseOomVictim(out long badness)
    {
        var first = 0;
        var chosen = 0;
        badness = -1;
        foreach (var pid in _pids)
        {
            if (MemoryOf(pid).Mm is null || Info(pid).State == ProcessState.Zombie)
            {
                continue;
            }

            if (first == 0)
            {
                first = pid;
                continue;
            }

            var score = Badness(pid);
            if (score > badness)
            {
                (chosen, badness) = (pid, score);
            }
        }

        if (chosen == 0 && first != 0)
        {
            (chosen, badness) = (first, Badness(first));
        }

        return chosen;
    }

    // oom_badness: what killing the process would give back, in pages.
    private long Badness(int pid)
    {
        var root = MemoryOf(pid).Root;
        long pages = Walks.TableFrames(root).Count;
        Walks.ForEachLeaf(root, 0, TaskSize, (_, _, entry) => pages++);
        return pages;
    }
}
