using VmQuest.Engine.Kernel.Memory;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// Hooks for callers that drive the MMU themselves (trace replay): they translate with
/// <see cref="Machine.Mmu"/>, call <see cref="HandleFault"/> on a fault, and report each completed access here
/// so the replacement policy sees the same stream of accesses <see cref="Access"/> would have shown it.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// Records that a user access completed on <paramref name="frame"/>: the replacement policy is told (exactly
    /// what <see cref="Access"/> does after a successful translation) and <see cref="KernelCounters.Accesses"/>
    /// grows by one. Frames that hold no user page (page tables, reserved) are ignored by the policy.
    /// </summary>
    public void NoteAccess(ulong frame)
    {
        Counters.Accesses++;
        if (Frames.UseOf(frame) is FrameUse.Anonymous or FrameUse.File)
        {
            _policy.Accessed((int)frame);
        }
    }
}
