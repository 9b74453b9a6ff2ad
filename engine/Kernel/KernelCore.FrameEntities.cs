using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel;

/// <summary>Frame entities: one per physical frame, in <see cref="World"/>, holding <see cref="Frames"/>' facts.</summary>
public sealed partial class KernelCore
{
    /// <summary>The entity standing for physical frame <paramref name="frame"/> (O(1): no lookup table).</summary>
    public Entity FrameEntity(ulong frame) => Frames.EntityOf(frame);
}
