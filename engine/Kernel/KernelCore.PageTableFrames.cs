namespace VmQuest.Engine.Kernel;

/// <summary>
/// The frame entities of page tables say what they hold (<see cref="Memory.FrameUse.PageTable"/> and whose tables
/// they are), as data frames do: the inspector and the city read one truth. Roots are recorded when the kernel makes
/// them, the tables below when the machine allocates them on the way to a leaf (or fork copies them).
/// </summary>
public sealed partial class KernelCore
{
    private readonly Dictionary<ulong, int> _pidOfRoot = [];

    private ulong NewRoot(int pid)
    {
        var root = Machine.Tables.CreateRoot();
        var first = root >> Machine.Description.PageShift;
        for (var frame = first; frame < first + RootFrames; frame++)
        {
            Frames.TakeForPageTable(frame, pid);
        }

        _pidOfRoot[root] = pid;
        return root;
    }

    private void TableAllocated(ulong root, ulong frame) => Frames.TakeForPageTable(frame, _pidOfRoot.GetValueOrDefault(root));

    private void RootReleased(ulong root) => _pidOfRoot.Remove(root);
}
