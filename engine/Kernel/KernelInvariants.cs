using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Ptes;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The invariants of DESIGN.md §4, checked from scratch against the raw page tables: frame conservation;
/// each data frame's map count equals the present PTEs mapping it; swap references equal the swap entries;
/// copy-on-write pages are read-only wherever they are shared; no frame is writable in one address space and
/// mapped in another unless the mapping is shared; the TLB caches nothing the tables do not allow; VMAs are
/// sorted and disjoint; every non-empty leaf (present or swap) has exactly one PTE entity, naming its slot, page,
/// level and process, and every PTE entity such a leaf; each frame's map count equals the PTE entities mapping
/// it. Slow (it walks everything): for tests and debugging, not the hot path.
/// </summary>
public static class KernelInvariants
{

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first broken invariant.</summary>
    public static void Check(KernelCore kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var machine = kernel.Machine;
        var pte = machine.Description.Pte;
        var mapCount = new Dictionary<ulong, int>();
        var writers = new Dictionary<ulong, (int Pid, bool Shared)>();
        var swapReferences = new Dictionary<ulong, int>();
        long tableFrames = 0;
        long leaves = 0;
        if (kernel.Policy is Reclaim.Linux.LinuxLruPolicy lists)
        {
            lists.CheckLists(kernel.Frames);
        }

        foreach (var pid in kernel.Pids)
        {
            var memory = kernel.MemoryOf(pid);
            if (memory.Mm is not { } mm)
            {
                continue;
            }

            mm.Vmas.CheckInvariants();
            foreach (var table in kernel.Walks.TableFrames(memory.Root))
            {
                tableFrames++;
                if (kernel.Frames.UseOf(table) != FrameUse.PageTable || kernel.Frames.OwnerOf(table) != pid)
                {
                    throw Broken($"frame {table} holds a page table of process {pid} but its entity says {kernel.Frames.UseOf(table)} of pid {kernel.Frames.OwnerOf(table)}");
                }
            }

            // A huge PMD leaf is one PTE entity at the PMD level and one mapping of each of its frames (the huge zero
            // page's counted nowhere); read-only while its frames are shared copy-on-write; its VMA covers it all.
            kernel.Walks.ForEachHugeLeaf(memory.Root, 0, kernel.TaskSize, (va, slot, entry) =>
            {
                leaves++;
                CheckPteEntity(kernel, pid, va, slot, kernel.Walks.HugeLevel);
                var first = pte.FrameOf(entry);
                var writable = (pte.Decode(entry, lastLevel: false) & PteBits.Writable) != 0;
                var area = mm.Vmas.Find(va) ?? throw Broken($"process {pid} maps a huge page at 0x{va:x} outside every VMA");
                if (area.End - va < kernel.HugePageSize || area.Start > va)
                {
                    throw Broken($"process {pid}: the huge page at 0x{va:x} is not wholly inside its VMA [0x{area.Start:x}, 0x{area.End:x})");
                }

                if (writable && ((area.Permissions & VmaPermissions.Write) == 0 || kernel.IsHugeZeroPage(first) || kernel.Frames.IsAnonShared(first)))
                {
                    throw Broken($"process {pid}: the huge page at 0x{va:x} is writable but its VMA is {area.PermissionString}, or it is shared or the huge zero page");
                }

                if (kernel.IsHugeZeroPage(first))
                {
                    return;
                }

                if (kernel.Walks.IsHugeLeaf(kernel.Walks.HugeLevel, entry) && !kernel.DepositsUnder(slot))
                {
                    throw Broken($"process {pid}: the huge page at 0x{va:x} has no PTE table deposited for its split");
                }

                for (var frame = first; frame < first + kernel.HugePageFrames; frame++)
                {
                    mapCount[frame] = mapCount.GetValueOrDefault(frame) + 1;
                    if (writable)
                    {
                        writers[frame] = (pid, area.Shared);
                    }
                }
            });

            kernel.Walks.ForEachLeaf(memory.Root, 0, kernel.TaskSize, (va, slot, entry) =>
            {
                leaves++;
                CheckPteEntity(kernel, pid, va, slot, kernel.Machine.Description.Levels.Count - 1);
                if (!pte.IsPresent(entry))
                {
                    var swapSlot = pte.FrameOf(entry);
                    swapReferences[swapSlot] = swapReferences.GetValueOrDefault(swapSlot) + 1;
                    return;
                }

                var frame = pte.FrameOf(entry);
                var flags = pte.Decode(entry);
                var area = mm.Vmas.Find(va) ?? throw Broken($"process {pid} maps 0x{va:x} outside every VMA");
                mapCount[frame] = mapCount.GetValueOrDefault(frame) + 1;
                if (kernel.Frames.IsAnonShared(frame) && (flags & PteBits.Writable) != 0 && pte.WritableMask != 0)
                {
                    throw Broken($"process {pid}: copy-on-write page 0x{va:x} is writable");
                }

                // A format without a writable bit (the OSTEP machines) cannot deny a write: there, a page counts as
                // writable when its VMA allows writes.
                var writable = (flags & PteBits.Writable) != 0 && (pte.WritableMask != 0 || (area.Permissions & VmaPermissions.Write) != 0);
                if (writable && (area.Permissions & VmaPermissions.Write) == 0)
                {
                    throw Broken($"process {pid}: page 0x{va:x} is writable but its VMA is {area.PermissionString}");
                }

                if (writable && kernel.IsZeroPage(frame))
                {
                    throw Broken($"process {pid}: page 0x{va:x} maps the zero page writable");
                }

                if (writable)
                {
                    writers[frame] = (pid, area.Shared);
                }
            });
        }

        var entities = kernel.Ptes.CountLive();
        if (entities != leaves)
        {
            throw Broken($"{entities} PTE entities but {leaves} present or swap leaves");
        }

        var mappedByEntities = MapCountsOfPteEntities(kernel);
        var frames = kernel.Frames;
        long data = 0;
        for (ulong frame = 0; frame < (ulong)frames.Count; frame++)
        {
            var use = frames.UseOf(frame);
            if (use is FrameUse.Anonymous or FrameUse.File)
            {
                data++;
                if (!machine.Frames.IsUsed(frame))
                {
                    throw Broken($"frame {frame} holds a page but the allocator calls it free");
                }
            }

            // The huge zero page: pinned, counted nowhere.
            if (kernel.IsHugeZeroPage(frame))
            {
                if (use != FrameUse.ZeroPage || frames.MapCountOf(frame) != 0 || !frames.IsPinned(frame) || !machine.Frames.IsUsed(frame))
                {
                    throw Broken($"huge zero page frame {frame}: {use}, map count {frames.MapCountOf(frame)}, pinned {frames.IsPinned(frame)}");
                }

                continue;
            }

            // The zero page excepted: Linux counts none of its mappings (see FrameTable.TakeForZeroPage).
            if (use == FrameUse.ZeroPage)
            {
                if (frames.MapCountOf(frame) != 0 || !frames.IsPinned(frame) || !machine.Frames.IsUsed(frame) || frames.ZeroPageMappings != mapCount.GetValueOrDefault(frame))
                {
                    throw Broken($"zero page {frame}: map count {frames.MapCountOf(frame)}, pinned {frames.IsPinned(frame)}, {frames.ZeroPageMappings} mappings shown but {mapCount.GetValueOrDefault(frame)} PTEs");
                }

                continue;
            }

            var mapped = mapCount.GetValueOrDefault(frame);
            if (frames.MapCountOf(frame) != mapped)
            {
                throw Broken($"frame {frame}: map count {frames.MapCountOf(frame)} but {mapped} PTEs map it");
            }

            if (frames.MapCountOf(frame) != mappedByEntities.GetValueOrDefault(frame))
            {
                throw Broken($"frame {frame}: map count {frames.MapCountOf(frame)} but {mappedByEntities.GetValueOrDefault(frame)} PTE entities map it");
            }

            if (mapped > 1 && writers.TryGetValue(frame, out var writer) && !writer.Shared)
            {
                throw Broken($"frame {frame} is mapped {mapped} times and writable by process {writer.Pid} through a private mapping");
            }
        }

        var used = (long)(machine.Frames.FrameCount - machine.Frames.FreeCount);
        // The PTE tables deposited under huge PMDs are tables no walk reaches.
        tableFrames += kernel.DepositedTables;
        if (used != data + tableFrames + kernel.ReservedFrames)
        {
            throw Broken($"frames not conserved: {used} used, but {data} data + {tableFrames} tables (with {kernel.DepositedTables} deposited) + {kernel.ReservedFrames} reserved");
        }

        foreach (var (slot, references) in swapReferences)
        {
            if (kernel.Swap.ReferencesOf(slot) != references)
            {
                throw Broken($"swap slot {slot}: {kernel.Swap.ReferencesOf(slot)} references but {references} swap entries");
            }
        }

        if (kernel.Swap.Used != swapReferences.Count)
        {
            throw Broken($"{kernel.Swap.Used} swap slots in use but {swapReferences.Count} are referenced");
        }

        CheckTlb(kernel);
    }

    // The leaf at `slot` (for `va` in `pid`'s tables) must have its own entity, and that entity must name it.
    private static void CheckPteEntity(KernelCore kernel, int pid, ulong va, ulong slot, int level)
    {
        var entity = kernel.Ptes.At(slot);
        if (!kernel.World.IsAlive(entity))
        {
            throw Broken($"process {pid}: the leaf for 0x{va:x} has no PTE entity");
        }

        if (!kernel.World.TryGet<PteLocation>(entity, out var location))
        {
            throw Broken($"process {pid}: the PTE entity of the leaf for 0x{va:x} has no location");
        }

        if (location.EntryAddress != slot || location.VirtualPage != va || location.Pid != pid || location.Level != level)
        {
            throw Broken($"process {pid}: the PTE entity of the leaf for 0x{va:x} at 0x{slot:x} says process {location.Pid}, page 0x{location.VirtualPage:x}, entry at 0x{location.EntryAddress:x}, level {location.Level}");
        }
    }

    // Reads each PTE entity's raw entry and counts the frames the present ones map.
    private static Dictionary<ulong, int> MapCountsOfPteEntities(KernelCore kernel)
    {
        var pte = kernel.Machine.Description.Pte;
        var memory = kernel.Machine.Memory;
        var counts = new Dictionary<ulong, int>();
        var leafLevel = kernel.Machine.Description.Levels.Count - 1;
        kernel.Ptes.ForEachLive((_, location) =>
        {
            var entry = memory.Read(location.EntryAddress, pte.WidthBytes);
            if (!pte.IsPresent(entry))
            {
                return;
            }

            // A huge page's entity maps each of its frames (the huge zero page's are counted nowhere).
            var frames = location.Level == leafLevel ? 1UL : kernel.IsHugeZeroPage(pte.FrameOf(entry)) ? 0 : kernel.HugePageFrames;
            for (var frame = pte.FrameOf(entry); frame < pte.FrameOf(entry) + frames; frame++)
            {
                counts[frame] = counts.GetValueOrDefault(frame) + 1;
            }
        });
        return counts;
    }

    // Every TLB entry of the running address space must match a fresh look at the tables, and be no more permissive.
    private static void CheckTlb(KernelCore kernel)
    {
        var machine = kernel.Machine;
        foreach (var cached in machine.Mmu.Tlb.Snapshot())
        {
            var owner = kernel.Pids.FirstOrDefault(p => kernel.MemoryOf(p) is { Mm: not null } m &&
                (machine.Description.Tlb.Pcid ? m.Pcid == cached.Pcid : p == kernel.CurrentPid));
            if (owner == 0)
            {
                if (!machine.Description.Tlb.Pcid || cached.Global)
                {
                    throw Broken($"TLB entry for 0x{cached.VirtualBase:x} belongs to no live address space");
                }

                continue;
            }

            var leaf = machine.Tables.FindLeaf(kernel.MemoryOf(owner).Root, cached.VirtualBase);
            if (leaf is not { } found || (found.Frame << machine.Description.PageShift) != cached.PhysicalBase)
            {
                throw Broken($"TLB maps 0x{cached.VirtualBase:x} to 0x{cached.PhysicalBase:x} but the tables of process {owner} do not");
            }

            if (cached.Writable && (found.Flags & PteBits.Writable) == 0)
            {
                throw Broken($"TLB allows writes to 0x{cached.VirtualBase:x} that the tables of process {owner} forbid");
            }
        }
    }

    private static InvalidOperationException Broken(string what) => new("kernel invariant broken: " + what);
}
