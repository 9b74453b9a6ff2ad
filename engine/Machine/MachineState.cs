using VmQuest.Engine.Machine.Costs;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Memory;
using VmQuest.Engine.Machine.PageTables;

namespace VmQuest.Engine.Machine;

/// <summary>
/// A booted machine: physical memory, frame allocator, cycle counter, MMU and page-table editor for one
/// <see cref="MachineDescription"/>. Booting applies the description's image: memory bytes first (their frames
/// are reserved), then the root (reserved, or allocated when only mappings are given), then the mappings (their
/// frames reserved before any table is allocated, so tables never land on data). Deterministic.
/// </summary>
public sealed class MachineState
{
    private MachineState(MachineDescription description)
    {
        Description = description;
        Memory = new PhysicalMemory(description.FrameCount, description.PageShift);
        Frames = new FrameAllocator(description.FrameCount);
        Clock = new CycleCounter();
        Mmu = new Mmu(description, Memory, Clock);
        Tables = new PageTableEditor(description, Memory, Frames, Mmu);
    }

    /// <summary>The description this machine was booted from.</summary>
    public MachineDescription Description { get; }

    /// <summary>Physical memory.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>Which frames are in use.</summary>
    public FrameAllocator Frames { get; }

    /// <summary>The in-game clock.</summary>
    public CycleCounter Clock { get; }

    /// <summary>The CPU's MMU (CR3, TLB, walker).</summary>
    public Mmu Mmu { get; }

    /// <summary>Page-table helpers bound to this machine's memory, frames and TLB.</summary>
    public PageTableEditor Tables { get; }

    /// <summary>Boots <paramref name="description"/>; CR3 holds the image's root (0 when there is none).</summary>
    public static MachineState Boot(MachineDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var state = new MachineState(description);
        if (description.Image is not { } image)
        {
            return state;
        }

        foreach (var chunk in image.Memory)
        {
            state.Memory.WriteBytes(chunk.Address, [.. chunk.Bytes]);
            ulong last = (chunk.Address + (ulong)Math.Max(chunk.Bytes.Count, 1) - 1) >> description.PageShift;
            for (ulong f = chunk.Address >> description.PageShift; f <= last; f++)
            {
                state.Frames.Reserve(f);
            }
        }

        foreach (var mapping in image.Mappings)
        {
            ulong count = 1UL << (description.LevelShift(mapping.LeafLevel) - description.PageShift);
            for (ulong f = mapping.Frame; f < mapping.Frame + count; f++)
            {
                state.Frames.Reserve(f);
            }
        }

        ulong root;
        if (image.Root is { } given)
        {
            root = given;
            state.Frames.Reserve(given >> description.PageShift);
        }
        else
        {
            root = state.Tables.CreateRoot();
        }

        state.Mmu.LoadCr3(root);
        foreach (var mapping in image.Mappings)
        {
            state.Tables.Map(root, mapping.VirtualAddress, mapping.Frame, mapping.Flags, mapping.LeafLevel);
        }

        return state;
    }
}
