using VmQuest.Engine.Kernel;

namespace VmQuest.City.Physical;

/// <summary>
/// Finds whose page table a page-table frame is and at which level ("page table, level PMD, pid 3"), by walking
/// each process's tree from its root the way the hardware reads it. Cost: one read per entry of every table of
/// every process, so the view calls it only for the lot under the mouse or selected, never per drawn lot.
/// </summary>
public static class PageTableLocator
{
    /// <summary>The owner and level index of page-table frame <paramref name="frame"/>, or null when no process's tree holds it.</summary>
    public static (int Pid, int Level)? Find(KernelCore kernel, ulong frame)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var pids = kernel.Pids;
        for (var i = 0; i < pids.Count; i++)
        {
            var pid = pids[i];
            if (!kernel.Exists(pid) || kernel.MemoryOf(pid).Mm is null)
            {
                continue;
            }

            var root = kernel.MemoryOf(pid).Root;
            if (Search(kernel, root, 0, frame) is { } level)
            {
                return (pid, level);
            }
        }

        return null;
    }

    private static int? Search(KernelCore kernel, ulong table, int level, ulong frame)
    {
        var machine = kernel.Machine.Description;
        if (table >> machine.PageShift == frame)
        {
            return level;
        }

        if (level == machine.Levels.Count - 1)
        {
            return null;
        }

        var pte = machine.Pte;
        var width = pte.WidthBytes;
        var entries = 1UL << machine.Levels[level].IndexBits;
        var memory = kernel.Machine.Memory;
        for (ulong i = 0; i < entries; i++)
        {
            var entry = memory.Read(table + (i * (ulong)width), width);
            if (pte.IsPresent(entry) && !(machine.HugeAllowed(level) && pte.IsLeafAboveLastLevel(entry))
                && Search(kernel, pte.FrameOf(entry) << machine.PageShift, level + 1, frame) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
