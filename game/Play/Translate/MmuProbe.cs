using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Play.Translate;

/// <summary>
/// Asks the machine's own MMU what it would do with an access now, without doing it: the page walker's steps and
/// outcome (<see cref="Walk"/>) and whether the TLB would answer (<see cref="TryTlb"/>). Neither leaves a trace:
/// the walker's A/D-bit updates are put back and the TLB's replacement state is not touched, so the kernel's real
/// access afterwards finds the machine exactly as the player saw it.
/// </summary>
internal static class MmuProbe
{
    /// <summary>
    /// The walk the hardware makes for <paramref name="va"/> from the current CR3, in user mode: every entry read
    /// (root first) and the translation or the fault at the level where it stops. Memory is left unchanged.
    /// </summary>
    public static (Translation Outcome, IReadOnlyList<WalkStep> Steps) Walk(MachineState machine, ulong va, AccessKind access)
    {
        var steps = new List<WalkStep>();
        var observer = new ListWalkObserver(steps);
        var outcome = PageWalker.Walk(machine.Description, machine.Memory, machine.Mmu.Cr3, va, access, PrivilegeLevel.User, ref observer);
        var width = machine.Description.Pte.WidthBytes;
        foreach (var step in steps)
        {
            // The walker set A (and D on a write) on entries it used; the real access will set them again itself.
            if (machine.Memory.Read(step.EntryAddress, width) != step.Entry)
            {
                machine.Memory.Write(step.EntryAddress, width, step.Entry);
            }
        }

        return (outcome, steps);
    }

    /// <summary>
    /// Whether the TLB holds a translation of <paramref name="va"/> for the running address space that allows this
    /// user access without a walk (a write needs a cached writable, already dirty page, as the TLB checks it).
    /// </summary>
    public static bool TryTlb(MachineState machine, ulong va, AccessKind access, out ulong physicalAddress)
    {
        physicalAddress = 0;
        var tlb = machine.Mmu.Tlb;
        if (!tlb.Enabled || !tlb.Contains(va, machine.Mmu.Pcid))
        {
            return false;
        }

        foreach (var entry in tlb.Snapshot())
        {
            var size = 1UL << entry.PageShift;
            if (va < entry.VirtualBase || va - entry.VirtualBase >= size || (entry.Pcid != machine.Mmu.Pcid && !entry.Global))
            {
                continue;
            }

            var allowed = entry.User && access switch
            {
                AccessKind.Write => entry.Writable && entry.Dirty,
                AccessKind.Execute => !entry.NoExecute,
                _ => true,
            };
            if (!allowed)
            {
                return false;
            }

            physicalAddress = entry.PhysicalBase | (va & (size - 1));
            return true;
        }

        return false;
    }
}
