using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// The fault handler in the per-tick schedule: every <see cref="PageFaultRaised"/> of the tick not yet handled
/// (translation raised it earlier in the same tick) is handled by <see cref="HandleMmFault"/>, the same rule
/// <see cref="KernelCore.HandleFault"/> runs, so the fault is resolved within the tick it was raised in. Faults the
/// raiser handled itself (the batch paths, see <see cref="RaisedFaultLedger"/>) are not handled twice, and a fault
/// of a process that has exited since is dropped. The outcome is announced as <see cref="PageFaultResolved"/>; the
/// access that faulted (retry, or the signal of a fatal outcome) is its raiser's business.
/// The kernel is the world's <see cref="KernelCore"/> resource, or its <see cref="Workloads.WorkloadRunner"/>'s kernel.
/// </summary>
public sealed class PageFaultHandleSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (KernelResource.Find(world) is not { } kernel)
        {
            return;
        }

        var raised = world.Events<PageFaultRaised>();
        var ledger = kernel.RaisedFaults;

        // By index, re-reading the queue: handling sends other events, never a raised fault, but stay safe.
        for (var i = 0; i < raised.Count; i++)
        {
            if (ledger.IsHandled(world.Tick, i))
            {
                continue;
            }

            ledger.Mark(world.Tick, i);
            var fault = raised.Read()[i];
            if (kernel.Exists(fault.Pid) && kernel.MemoryOf(fault.Pid).Mm is not null)
            {
                HandleMmFault.Handle(kernel, fault.Pid, fault.Va, fault.Access);
            }
        }
    }
}
