using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Component of a frame entity: one per physical frame, created at attach time and never destroyed.
/// Written only by <see cref="LeafPteSyncSystem"/>; the raw bytes stay in <see cref="Memory.PhysicalMemory"/>.
/// </summary>
public struct PhysicalFrame
{
    /// <summary>Frame number (physical address >> page shift).</summary>
    public ulong Number;

    /// <summary>What the frame currently holds.</summary>
    public FrameUse Use;

    /// <summary>The address space whose table or page it is (Null when free or shared by none).</summary>
    public Entity Owner;

    /// <summary>Number of leaf PTE entities that map this frame.</summary>
    public int MapCount;
}
