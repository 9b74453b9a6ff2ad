namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Told about every user memory reference <see cref="KernelCore.Access"/> is about to make (each page of an access
/// that crosses a page boundary separately, lower first), before any fault it takes is handled — what a recorder
/// of the reference stream, or an OPT oracle that follows it, needs. Must not call back into the kernel.
/// </summary>
public interface IAccessObserver
{
    /// <summary><paramref name="pid"/> is about to reference <paramref name="va"/>.</summary>
    void Referencing(int pid, ulong va);
}
