using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Engine.Kernel.Faults;

/// <summary>What the fault-rule tests need to call a rule directly: the VMA and the leaf of a page.</summary>
internal static class FaultRuleFixtures
{
    public static VmArea AreaAt(KernelCore kernel, int pid, ulong va) => kernel.MmOf(pid).Vmas.Find(va)!.Value;

    public static ulong LeafSlotOf(KernelCore kernel, int pid, ulong va) => kernel.Walks.LeafSlot(kernel.MemoryOf(pid).Root, va);

    public static ulong LeafOf(KernelCore kernel, int pid, ulong va) => kernel.Machine.Memory.Read(LeafSlotOf(kernel, pid, va), kernel.Pte.WidthBytes);
}
