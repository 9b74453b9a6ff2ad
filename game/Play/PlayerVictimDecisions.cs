using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play;

/// <summary>
/// The kernel's decisions on a victim level: the player chooses each victim, Linux's defaults make the rest.
/// When the kernel asks for a victim and no choice is waiting, it answers null (the decision is pending; the
/// kernel changes nothing and the access is retried) and remembers that it was asked.
/// </summary>
internal sealed class PlayerVictimDecisions : IKernelDecisions
{
    /// <summary>The frame to hand the kernel at its next request, or null when the player has not chosen.</summary>
    public ulong? Chosen { get; set; }

    /// <summary>Whether the kernel asked for a victim and got no answer since this was last cleared.</summary>
    public bool Asked { get; set; }

    public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va) => IKernelDecisions.KernelDefault;

    public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va)
    {
        if (Chosen is { } frame)
        {
            // One choice answers one request: a second eviction in the same fault is a new decision.
            Chosen = null;
            return frame;
        }

        Asked = true;
        return null;
    }

    public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested) => requested;
}
