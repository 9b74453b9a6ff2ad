using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Serves this tick's <see cref="MemoryAccessRequested"/> events through the MMU, in order: loads CR3 from the
/// owner's <see cref="AddressSpace"/> when it differs, translates, and sends one <see cref="WalkStepped"/> per
/// entry read, then <see cref="MemoryAccessCompleted"/> or <see cref="PageFaultRaised"/> for the kernel.
/// </summary>
public sealed class MemoryAccessTranslateSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var requests = world.Events<MemoryAccessRequested>();
        if (requests.Count == 0)
        {
            return;
        }

        var mmu = world.GetResource<MachineState>().Mmu;
        var steps = world.Events<WalkStepped>();
        var completed = world.Events<MemoryAccessCompleted>();
        var faults = world.Events<PageFaultRaised>();
        foreach (var request in requests.Read())
        {
            var space = world.Get<AddressSpace>(request.Owner);
            if (mmu.Cr3 != space.Root || mmu.Pcid != space.Pcid)
            {
                mmu.LoadCr3(space.Root, space.Pcid);
            }

            var observer = new EventWalkObserver(steps, request.Owner, request.VirtualAddress);
            var t = mmu.Translate(request.VirtualAddress, request.Access, request.Mode, ref observer);
            if (t.IsOk)
            {
                completed.Send(new MemoryAccessCompleted(request.Owner, t));
            }
            else
            {
                faults.Send(new PageFaultRaised(request.Owner, request.VirtualAddress, t.Fault, t.ErrorCode, t.Level));
            }
        }
    }

    private readonly struct EventWalkObserver(EventQueue<WalkStepped> queue, Entity owner, ulong va) : IWalkObserver
    {
        public void OnStep(in WalkStep walkStep) => queue.Send(new WalkStepped(owner, va, walkStep));
    }
}
