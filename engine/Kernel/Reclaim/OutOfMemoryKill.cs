using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// The OOM killer (Linux's <c>out_of_memory</c> → <c>select_bad_process</c> → <c>oom_kill_process</c>): the
/// process with the highest badness (resident pages + page-table pages + swap entries, <c>oom_badness</c>; the
/// lowest pid on ties) is killed with SIGKILL and its memory freed. The first process (the sandbox's init) is
/// chosen only when no other can be. Run when reclaim cannot free what an allocation needs.
/// </summary>
internal static class OutOfMemoryKill
{
    /// <summary>
    /// Kills the chosen victim on behalf of <paramref name="requesterPid"/>. False when no process could be chosen
    /// or the requester itself was chosen (it is dead now).
    /// </summary>
    internal static bool Run(KernelCore kernel, int requesterPid)
    {
        var victim = ChooseVictim(kernel, out var badness);
        if (victim == 0)
        {
            return false;
        }

        kernel.Counters.OomKills++;
        kernel.Exit(victim, 0, KernelCore.SigKill);
        kernel.Info(victim).OomKilled = true;
        kernel.Publish(new OomKilled(victim, requesterPid, badness));
        return victim != requesterPid;
    }

    /// <summary>The process the killer would choose now (0 when none has an address space), and its badness.</summary>
    internal static int ChooseVictim(KernelCore kernel, out long badness)
    {
        var first = 0;
        var chosen = 0;
        badness = -1;
        foreach (var pid in kernel.PidList)
        {
            if (kernel.MemoryOf(pid).Mm is null || kernel.Info(pid).State == ProcessState.Zombie)
            {
                continue;
            }

            if (first == 0)
            {
                first = pid;
                continue;
            }

            var score = Badness(kernel, pid);
            if (score > badness)
            {
                (chosen, badness) = (pid, score);
            }
        }

        if (chosen == 0 && first != 0)
        {
            (chosen, badness) = (first, Badness(kernel, first));
        }

        return chosen;
    }

    // oom_badness: what killing the process would give back, in pages.
    private static long Badness(KernelCore kernel, int pid)
    {
        var root = kernel.MemoryOf(pid).Root;
        long pages = kernel.Walks.TableFrames(root).Count;
        // get_mm_rss leaves the zero page out: killing the process gives none of it back.
        var pte = kernel.Pte;
        kernel.Walks.ForEachLeaf(root, 0, kernel.TaskSize, (_, _, entry) => pages += pte.IsPresent(entry) && kernel.IsZeroPage(pte.FrameOf(entry)) ? 0 : 1);
        kernel.Walks.ForEachHugeLeaf(root, 0, kernel.TaskSize, (_, _, entry) => pages += kernel.IsHugeZeroPage(pte.FrameOf(entry)) ? 0 : (long)kernel.HugePageFrames);
        return pages;
    }
}
