using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Engine.Kernel;

/// <summary>How the kernel's systems find the kernel a world runs: its <see cref="KernelCore"/> resource, else the <see cref="WorkloadRunner"/>'s.</summary>
internal static class KernelResource
{
    /// <summary>The kernel, or null when the world runs none (the systems then do nothing).</summary>
    internal static KernelCore? Find(World world)
    {
        if (world.HasResource<KernelCore>())
        {
            return world.GetResource<KernelCore>();
        }

        return world.HasResource<WorkloadRunner>() ? world.GetResource<WorkloadRunner>().Kernel : null;
    }
}
