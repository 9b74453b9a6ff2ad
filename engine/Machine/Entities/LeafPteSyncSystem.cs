using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// The only writer of <see cref="LeafPte"/> and <see cref="PhysicalFrame"/>: for each <see cref="PteWritten"/>
/// of the tick it re-reads the raw leaf for that page and creates, updates or destroys the PTE entity, updates
/// the map counts of the frames involved and marks the tables on the path as page-table frames. A and D are
/// left out of <see cref="LeafPte.Flags"/>: hardware writes them in the raw entry, which stays their only truth.
/// </summary>
public sealed class LeafPteSyncSystem : ISystem
{
    /// <summary>Flags the hardware writes behind the kernel's back.</summary>
    public const PteBits HardwareOwned = PteBits.Accessed | PteBits.Dirty;

    /// <inheritdoc />
    public void Run(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (!world.HasResource<MachineState>())
        {
            return;
        }

        var state = world.GetResource<MachineState>();
        var directory = world.GetResource<MachineDirectory>();
        foreach (var written in world.Events<PteWritten>().Read())
        {
            Sync(world, state, directory, written);
        }
    }

    private static void Sync(World world, MachineState state, MachineDirectory directory, PteWritten written)
    {
        if (!world.IsAlive(written.Owner))
        {
            return;
        }

        ulong root = world.Get<AddressSpace>(written.Owner).Root;
        foreach (ulong frame in state.Tables.TableFrames(root, written.VirtualAddress))
        {
            ref var table = ref world.Get<PhysicalFrame>(directory.Frames[frame]);
            table.Use = FrameUse.PageTable;
            table.Owner = written.Owner;
        }

        if (written.VirtualAddress == ulong.MaxValue)
        {
            return;                                            // a new address space: only its root to mark
        }

        var machine = state.Description;
        for (int level = 0; level < machine.Levels.Count; level++)
        {
            ulong page = written.VirtualAddress & ~((1UL << machine.LevelShift(level)) - 1);
            // The key alone is ambiguous (page 0x0 starts both the 4 KiB page and the 2 MiB page at 0): match the level.
            if (directory.Ptes.TryGetValue((written.Owner, page), out var old) && world.Get<LeafPte>(old).Level == level)
            {
                directory.Ptes.Remove((written.Owner, page));
                Count(world, state, directory, world.Get<LeafPte>(old), -1);
                world.Destroy(old);
            }
        }

        if (state.Tables.FindLeaf(root, written.VirtualAddress) is not { } leaf)
        {
            return;
        }

        var created = new LeafPte
        {
            Owner = written.Owner,
            VirtualPage = leaf.VirtualAddress,
            Frame = leaf.Frame,
            Flags = leaf.Flags & ~HardwareOwned,
            Level = leaf.Level,
            EntryAddress = leaf.EntryAddress,
        };
        directory.Ptes[(written.Owner, leaf.VirtualAddress)] = world.Create(created);
        Count(world, state, directory, created, +1);
    }

    private static void Count(World world, MachineState state, MachineDirectory directory, in LeafPte pte, int delta)
    {
        var machine = state.Description;
        ulong frames = 1UL << (machine.LevelShift(pte.Level) - machine.PageShift);
        for (ulong f = pte.Frame; f < pte.Frame + frames && f < machine.FrameCount; f++)
        {
            ref var frame = ref world.Get<PhysicalFrame>(directory.Frames[f]);
            frame.MapCount += delta;
            frame.Use = frame.MapCount > 0 ? FrameUse.Data : state.Frames.IsUsed(f) ? FrameUse.Reserved : FrameUse.Free;
            frame.Owner = frame.MapCount > 0 ? pte.Owner : Entity.Null;
        }
    }
}
