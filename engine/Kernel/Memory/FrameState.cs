using System.Runtime.InteropServices;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The hot part of a frame entity's <c>struct page</c>: what it holds, how many PTEs map it, who first mapped it,
/// and its flags. The frame's number is not stored: it is the entity's index in the frame block
/// (<see cref="FrameTable.FrameOf"/>). Packed to 10 bytes, since every fault and eviction reads it and a machine
/// has millions. Written only by <see cref="FrameTable"/> (the kernel's frame bookkeeping).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct FrameState
{
    /// <summary>How many present PTEs map the frame (its refcount for copy-on-write; Linux's <c>_mapcount</c>).</summary>
    public int MapCount;

    /// <summary>The pid of the process that first mapped the frame (0 when free or reserved).</summary>
    public int OwnerPid;

    /// <summary>What the frame holds.</summary>
    public FrameUse Use;

    /// <summary>Page flags (see <see cref="FrameFlags"/> for why they are bits).</summary>
    public FrameFlags Flags;
}
