using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>do_fault</c>: a not-present page of a file mapping goes one of three ways — a read (or an
/// instruction fetch) to <see cref="DoReadFault"/>, a write to a private mapping to <see cref="DoCowFault"/>, a write
/// to a shared mapping to <see cref="DoSharedFault"/>.
/// </summary>
internal static class DoFault
{
    /// <summary>Resolves the fault of <paramref name="pid"/> at <paramref name="page"/> of the file mapping <paramref name="area"/>.</summary>
    public static FaultOutcome Handle(KernelCore kernel, int pid, ulong page, in VmArea area, AccessKind access, out ulong frame) =>
        access != AccessKind.Write ? DoReadFault.Handle(kernel, pid, page, area, out frame)
        : area.Shared ? DoSharedFault.Handle(kernel, pid, page, area, out frame)
        : DoCowFault.Handle(kernel, pid, page, area, out frame);
}
