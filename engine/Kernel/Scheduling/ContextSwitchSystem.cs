using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Processes;

namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// Input phase: serves <see cref="ContextSwitchRequested"/> — the player's or a level's "run this process" — with
/// <see cref="ContextSwitch"/>. A request for a process that cannot run (gone, exited, suspended) is ignored, as a
/// scheduler passes over a task that is not runnable.
/// </summary>
public sealed class ContextSwitchSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var requests = world.Events<ContextSwitchRequested>();
        if (requests.Count == 0 || KernelResource.Find(world) is not { } kernel)
        {
            return;
        }

        foreach (var request in requests.Read())
        {
            if (kernel.Exists(request.Pid) && kernel.Info(request.Pid).State is ProcessState.Ready or ProcessState.Running
                && kernel.MemoryOf(request.Pid).Mm is not null)
            {
                ContextSwitch.Run(kernel, request.Pid);
            }
        }
    }
}
