using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Simulate phase, after the tick's faults: kswapd's turn (Linux's <c>kswapd</c> thread, woken by an allocation that
/// found free memory at or below the low watermark). When the kernel's <see cref="KernelCore.KswapdWoken"/> is set it
/// reclaims until free frames are above the high watermark (<see cref="KernelCore.RunKswapd"/>); otherwise, and under
/// every policy but <c>linux</c>, it does nothing.
/// </summary>
public sealed class KswapdReclaimSystem : ISystem
{
    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (KernelResource.Find(world) is { KswapdWoken: true } kernel)
        {
            kernel.RunKswapd();
        }
    }
}
