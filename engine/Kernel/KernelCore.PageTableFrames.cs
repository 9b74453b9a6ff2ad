namespace VmQuest.Engine.Kernel;

/// <summary>
/// The frame entities of page tables say what they hold (<see cref="Memory.FrameUse.PageTable"/> and whose tables
/// they are), as data frames do: the inspector and the city read one truth. Roots are recorded when the kernel makes
/// them, the tables below when the machine allocates them on the way to a leaf (or fork copies them).
/// </summary>
public sealed partial class KernelCore
{
    private ulong NewRoot(int pid)
    {
        var root = Machine.Tables.CreateRoot();
        var first = root >> Machine.Description.PageShift;
        for (var frame = first; frame < first + RootFrames; frame++)
        {
            Frames.TakeForPageTable(frame, pid);
        }

        return root;
    }

    private void TableAllocated(ulong root, ulong frame) => Frames.TakeForPageTable(frame, PidOfRoot(root));

    // Whose tree a root is: almost always the running process's (its fault is mapping a page), else found among the
    // others — a table is allocated once per 512 pages, so the search costs nothing on the fault path.
    private int PidOfRoot(ulong root)
    {
        if (CurrentPid != 0 && MemoryOf(CurrentPid).Root == root)
        {
            return CurrentPid;
        }

        foreach (var pid in _pids)
        {
            if (MemoryOf(pid).Root == root && MemoryOf(pid).Mm is not null)
            {
                return pid;
            }
        }

        return 0;
    }
}
