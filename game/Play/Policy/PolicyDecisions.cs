using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Play.Policy;

/// <summary>
/// The kernel's decisions on a policy level: every victim is the player's policy's choice; frames and permissions
/// are Linux's. Once the policy fails (<see cref="Error"/>) it decides nothing more: the kernel waits, and the
/// session ends the run with the error.
/// </summary>
public sealed class PolicyDecisions : IKernelDecisions
{
    /// <summary>The policy's view of the kernel; set once the kernel exists.</summary>
    public KernelPolicyMemory? Memory { get; set; }

    /// <summary>Why the policy failed (<c>LINE:COL: what</c>), or null while it has not.</summary>
    public string? Error { get; private set; }

    /// <summary><see cref="Error"/> in Simplified Chinese (the same position), or null while the policy has not failed.</summary>
    public string? ErrorZh { get; private set; }

    /// <inheritdoc/>
    public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va) => IKernelDecisions.KernelDefault;

    /// <inheritdoc/>
    public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va)
    {
        if (Memory is null || Error is not null)
        {
            return null;
        }

        try
        {
            return Memory.ChooseVictim();
        }
        catch (PolicyRuntimeException e)
        {
            Error = e.Message;
            ErrorZh = e.MessageZh;
            return null;
        }
    }

    /// <summary>Runs <paramref name="run"/> (a tick or a sync of the policy), keeping its error if it fails.</summary>
    public void Guard(Action run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Error is not null)
        {
            return;
        }

        try
        {
            run();
        }
        catch (PolicyRuntimeException e)
        {
            Error = e.Message;
            ErrorZh = e.MessageZh;
        }
    }

    /// <inheritdoc/>
    public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested) => requested;
}
