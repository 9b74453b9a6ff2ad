using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Play.Permissions;

/// <summary>
/// The kernel's decisions on a permissions level: frames and victims are Linux's, and the permissions of every new
/// mapping are the player's. A request with no answer yet is kept as <see cref="Pending"/> and the kernel waits (the
/// mmap is retried); an answer is kept per process until that process asks again, so another process being scheduled
/// in between cannot take it.
/// </summary>
internal sealed class PlayerPermissionDecisions : IKernelDecisions
{
    private readonly Dictionary<int, VmaPermissions> _answers = [];

    /// <summary>Names a pid in the level (for <see cref="PermissionRequest.Process"/>).</summary>
    public Func<int, string> NameOf { get; set; } = pid => pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The request waiting for the player, or null.</summary>
    public PermissionRequest? Pending { get; private set; }

    /// <summary>The permissions the last completed request was given (the session reads it once per step), or null.</summary>
    public VmaPermissions? LastGranted { get; set; }

    /// <summary>Records the program line of the pending request (known once the waiting step returns).</summary>
    public void Locate(int line)
    {
        if (Pending is { } pending)
        {
            Pending = pending with { Line = line };
        }
    }

    /// <summary>Answers the pending request with <paramref name="granted"/>; the retried mmap takes it.</summary>
    public void Answer(VmaPermissions granted)
    {
        var pending = Pending ?? throw new InvalidOperationException("no permission request is pending");
        _answers[pending.Pid] = granted;
        Pending = null;
    }

    public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va) => IKernelDecisions.KernelDefault;

    public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va) => IKernelDecisions.KernelDefault;

    public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested)
    {
        if (_answers.Remove(pid, out var granted))
        {
            LastGranted = granted;
            return granted;
        }

        Pending = new PermissionRequest(pid, NameOf(pid), length, requested, 0);
        return null;
    }
}
