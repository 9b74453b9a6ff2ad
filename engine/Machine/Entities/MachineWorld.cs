using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Machine.Entities;

/// <summary>
/// Puts a booted <see cref="MachineState"/> into an ECS <see cref="World"/>: the state becomes a resource, every
/// physical frame an entity with <see cref="PhysicalFrame"/>, and page-table edits made through these helpers
/// send <see cref="PteWritten"/> so <see cref="LeafPteSyncSystem"/> keeps the PTE entities in step. The
/// translation hot path never touches the world: it reads the raw tables and the TLB arrays only.
/// </summary>
public static class MachineWorld
{
    /// <summary>Attaches <paramref name="state"/>; creates one entity per frame. Call once per world.</summary>
    public static void Attach(World world, MachineState state)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(state);
        var directory = new MachineDirectory(state.Description.FrameCount);
        world.Reserve((int)Math.Min(state.Description.FrameCount, int.MaxValue / 2));
        for (ulong f = 0; f < state.Description.FrameCount; f++)
        {
            var use = state.Frames.IsUsed(f) ? FrameUse.Reserved : FrameUse.Free;
            directory.Frames[f] = world.Create(new PhysicalFrame { Number = f, Use = use, Owner = Entity.Null });
        }

        world.SetResource(state);
        world.SetResource(directory);
    }

    /// <summary>Creates an address space with a fresh root table; the sync system marks its root frame.</summary>
    public static Entity CreateAddressSpace(World world, ushort pcid = 0)
    {
        ArgumentNullException.ThrowIfNull(world);
        var state = world.GetResource<MachineState>();
        ulong root = state.Tables.CreateRoot();
        var owner = world.Create(new AddressSpace { Root = root, Pcid = pcid });
        world.Events<PteWritten>().Send(new PteWritten(owner, ulong.MaxValue));
        return owner;
    }

    /// <summary>Maps a page in <paramref name="owner"/>'s tables (see <see cref="PageTables.PageTableEditor.Map"/>) and announces it.</summary>
    public static void Map(World world, Entity owner, ulong va, ulong frame, PteBits flags, int leafLevel = -1)
    {
        ArgumentNullException.ThrowIfNull(world);
        world.GetResource<MachineState>().Tables.Map(world.Get<AddressSpace>(owner).Root, va, frame, flags, leafLevel);
        world.Events<PteWritten>().Send(new PteWritten(owner, va));
    }

    /// <summary>Unmaps a page in <paramref name="owner"/>'s tables and announces it; returns the old raw entry.</summary>
    public static ulong Unmap(World world, Entity owner, ulong va)
    {
        ArgumentNullException.ThrowIfNull(world);
        ulong old = world.GetResource<MachineState>().Tables.Unmap(world.Get<AddressSpace>(owner).Root, va);
        world.Events<PteWritten>().Send(new PteWritten(owner, va));
        return old;
    }

    /// <summary>Changes a page's flags in <paramref name="owner"/>'s tables and announces it.</summary>
    public static bool SetFlags(World world, Entity owner, ulong va, PteBits flags)
    {
        ArgumentNullException.ThrowIfNull(world);
        bool changed = world.GetResource<MachineState>().Tables.SetFlags(world.Get<AddressSpace>(owner).Root, va, flags);
        world.Events<PteWritten>().Send(new PteWritten(owner, va));
        return changed;
    }
}
