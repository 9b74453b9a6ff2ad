using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Scheduling;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Translation;

/// <summary>
/// Serves the tick's <see cref="MemoryAccessRequested"/> events in order, for process entities: switches to the
/// process when CR3 holds another's tables (<see cref="ContextSwitch"/>: CR3 ← its root, its PCID), then runs
/// <see cref="UserMemoryAccess"/> — the TLB lookup and page walk, one <see cref="WalkStepped"/> per entry read; a
/// failed translation raises the kernel's <see cref="PageFaultRaised"/>, the fault is handled in this same tick and
/// the access retried — and sends <see cref="MemoryAccessServed"/>. Requests for processes that cannot run now
/// (blocked, suspended, exited) are dropped: switching to one would make it runnable behind its scheduler's back.
/// </summary>
public sealed class MemoryAccessTranslateSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var requests = world.Events<MemoryAccessRequested>();
        if (requests.Count == 0 || KernelResource.Find(world) is not { } kernel)
        {
            return;
        }

        var served = world.Events<MemoryAccessServed>();
        var steps = world.Events<WalkStepped>();
        foreach (var request in requests.Read())
        {
            if (!world.IsAlive(request.Process) || !world.Has<ProcessInfo>(request.Process))
            {
                continue;
            }

            var info = world.Get<ProcessInfo>(request.Process);
            if (info.State is not (ProcessState.Ready or ProcessState.Running) || world.Get<ProcessMemory>(request.Process).Mm is null)
            {
                continue;
            }

            ContextSwitch.Run(kernel, info.Pid);
            var observer = new EventWalkObserver(steps, request.Process, request.VirtualAddress);
            var result = UserMemoryAccess.Run(kernel, info.Pid, request.VirtualAddress, request.Access, request.Value, request.Width, ref observer);
            served.Send(new MemoryAccessServed(request.Process, request.VirtualAddress, result));
        }
    }

    private readonly struct EventWalkObserver(EventQueue<WalkStepped> queue, Entity process, ulong va) : IWalkObserver
    {
        public void OnStep(in WalkStep walkStep) => queue.Send(new WalkStepped(process, va, walkStep));
    }
}
