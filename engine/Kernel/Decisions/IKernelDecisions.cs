using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Decisions;

/// <summary>
/// The choices the kernel can hand to the player (or a test, or a level's scripted opponent). Each method
/// returns null for "not decided yet": the kernel then changes nothing and reports that it is waiting
/// (<c>FaultOutcome.AwaitingDecision</c>, <c>Errno.EAGAIN</c>), and the same request comes again on the next
/// attempt — the simulation waits without blocking anybody's thread. <see cref="AutomaticDecisions"/>
/// answers every request at once the way Linux would.
/// </summary>
public interface IKernelDecisions
{
    /// <summary>
    /// Which free frame receives the page <paramref name="pid"/> faulted on at <paramref name="va"/> (it must be free),
    /// <see cref="KernelDefault"/> for the allocator's choice (the lowest free frame), or null to wait.
    /// </summary>
    ulong? ChooseFrame(KernelCore kernel, int pid, ulong va);

    /// <summary>Returned by <see cref="ChooseFrame"/> or <see cref="ChooseVictim"/> to leave the choice to the kernel (allocator, replacement policy).</summary>
    const ulong KernelDefault = ulong.MaxValue;

    /// <summary>
    /// Which resident user page to evict to make room (a frame holding one), <see cref="KernelDefault"/> to let the
    /// replacement policy pick, or null to wait.
    /// </summary>
    ulong? ChooseVictim(KernelCore kernel, int pid, ulong va);

    /// <summary>What permissions the new mapping of <paramref name="pid"/> gets, given what it asked for; null to wait.</summary>
    VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested);
}

/// <summary>Linux's answers: the lowest free frame, the replacement policy's victim, the permissions asked for.</summary>
public sealed class AutomaticDecisions : IKernelDecisions
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static AutomaticDecisions Instance { get; } = new();

    /// <inheritdoc />
    public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return IKernelDecisions.KernelDefault;
    }

    /// <inheritdoc />
    public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return IKernelDecisions.KernelDefault;
    }

    /// <inheritdoc />
    public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested) => requested;
}
