using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>expand_stack</c>: a fault just below a stack VMA grows the stack down over it instead of being a
/// SIGSEGV (the limits are the address space's, <see cref="MemoryDescriptor.CanExpandStack"/>).
/// </summary>
internal static class ExpandStack
{
    /// <summary>Grows the stack of <paramref name="mm"/> down over <paramref name="va"/>; false (nothing changed) when no stack can grow there.</summary>
    public static bool TryGrow(MemoryDescriptor mm, ulong va, out VmArea grown)
    {
        if (mm.TryExpandStack(va) && mm.Vmas.Find(va) is { } area)
        {
            grown = area;
            return true;
        }

        grown = default;
        return false;
    }

    /// <summary>The stack as it would be after growing over <paramref name="va"/>, changing nothing; false when none can.</summary>
    public static bool TryForesee(MemoryDescriptor mm, ulong va, out VmArea grown)
    {
        if (mm.CanExpandStack(va, out var index, out var newStart) && index >= 0)
        {
            grown = mm.Vmas.Areas[index] with { Start = newStart };
            return true;
        }

        grown = default;
        return false;
    }
}
