using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>Linux's <c>do_anonymous_page</c>: the first touch of an anonymous page (or of a grown stack) maps a zeroed frame.</summary>
internal static class DoAnonymousPage
{
    /// <summary>
    /// Maps a zeroed frame at <paramref name="page"/> of <paramref name="pid"/> writable (as far as
    /// <paramref name="area"/> allows). <see cref="FaultOutcome.StackGrowth"/> when the stack <paramref name="grew"/>
    /// for it, else <see cref="FaultOutcome.DemandZero"/>; out of memory or a pending decision change nothing mapped.
    /// </summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, bool grew, out ulong frame)
    {
        frame = 0;
        var grab = kernel.AllocateDataFrame(pid, page, out var zeroed);
        if (grab != KernelCore.FrameGrab.Taken)
        {
            return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
        }

        kernel.Frames.TakeForAnonymous(zeroed, pid, page);
        kernel.Policy.Loaded((int)zeroed);
        bool mapped;
        using (kernel.Pin(zeroed))
        {
            mapped = kernel.TryMapPage(pid, page, zeroed, KernelCore.LeafFlags(area, writable: true, copyOnWrite: false));
        }

        if (!mapped)
        {
            kernel.FreeDataFrame(zeroed);
            return FaultOutcome.OutOfMemory;
        }

        frame = zeroed;
        return grew ? FaultOutcome.StackGrowth : FaultOutcome.DemandZero;
    }
}
