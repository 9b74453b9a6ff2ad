using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>The page-fault handler (Linux's <c>handle_mm_fault</c> and friends), one case per real outcome.</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// Handles a fault of <paramref name="pid"/> at <paramref name="va"/> for <paramref name="access"/> and
    /// returns how it was resolved. A SIGSEGV outcome leaves the process to the caller (who kills it);
    /// <see cref="FaultOutcome.AwaitingDecision"/> and <see cref="FaultOutcome.OutOfMemory"/> change nothing.
    /// </summary>
    public FaultOutcome HandleFault(int pid, ulong va, AccessKind access)
    {
        var frame = 0UL;
        var outcome = AwaitsFaultDecision(pid, va, access) ? FaultOutcome.AwaitingDecision : Resolve(pid, va, access, out frame);
        Counters.Faults++;
        switch (outcome)
        {
            case FaultOutcome.DemandZero or FaultOutcome.PageCacheHit or FaultOutcome.CowReuse or FaultOutcome.StackGrowth:
                Counters.MinorFaults++;
                Machine.Clock.Advance(Machine.Description.Costs.MinorFault);
                break;
            case FaultOutcome.FileRead or FaultOutcome.SwapIn:
                Counters.MajorFaults++;
                Machine.Clock.Advance(Machine.Description.Costs.MajorFault);
                break;
            case FaultOutcome.CowCopy:
                Counters.CowCopies++;
                Machine.Clock.Advance(Machine.Description.Costs.CowCopy);
                break;
        }

        Counters.CowReuses += outcome == FaultOutcome.CowReuse ? 1 : 0;
        Publish(new PageFaultResolved(pid, va, outcome, frame));
        return outcome;
    }

    // Only a decisions object that rules on faults is asked (and only about faults the handler would act on), so a
    // kernel without one handles every fault as before.
    private bool AwaitsFaultDecision(int pid, ulong va, AccessKind access)
    {
        if (Options.Decisions is not IFaultDecisions judge)
        {
            return false;
        }

        var forecast = ForecastFault(pid, va, access);
        return forecast.Outcome != FaultOutcome.Spurious && !judge.MayResolve(this, forecast);
    }

    private FaultOutcome Resolve(int pid, ulong va, AccessKind access, out ulong frame)
    {
        frame = 0;
        var mm = MmOf(pid);
        if (va >= TaskSize)
        {
            return FaultOutcome.SegvKernelAddress;
        }

        var page = va & ~(Machine.Description.PageSize - 1);
        var grew = false;
        if (mm.Vmas.Find(va) is not { } area)
        {
            if (!mm.TryExpandStack(va) || mm.Vmas.Find(va) is not { } grown)
            {
                return FaultOutcome.SegvNoMapping;
            }

            area = grown;
            grew = true;
        }

        var denied = access switch
        {
            AccessKind.Write when (area.Permissions & VmaPermissions.Write) == 0 => FaultOutcome.SegvWriteProtected,
            AccessKind.Execute when (area.Permissions & VmaPermissions.Execute) == 0 => FaultOutcome.SegvNoExecute,
            AccessKind.Read when (area.Permissions & VmaPermissions.Read) == 0 => FaultOutcome.SegvNoRead,
            _ => (FaultOutcome?)null,
        };
        if (denied is { } segv)
        {
            return segv;
        }

        // Without a writable bit the hardware cannot catch a later write (nor one after an mprotect makes the VMA
        // writable): a private page is made the process's own at its first touch, whatever the access (see
        // CopyPrivatePages).
        if (!CanWriteProtect && !area.Shared)
        {
            access = AccessKind.Write;
        }

        var root = MemoryOf(pid).Root;
        var slot = Walks.LeafSlot(root, page);
        var entry = slot == PageTableWalks.NoSlot ? 0 : Machine.Memory.Read(slot, _pte.WidthBytes);
        if (_pte.IsPresent(entry))
        {
            frame = _pte.FrameOf(entry);
            var writable = (_pte.Decode(entry) & PteBits.Writable) != 0;
            return access == AccessKind.Write && !writable ? BreakCow(pid, page, area, slot, entry, out frame) : FaultOutcome.Spurious;
        }

        if (IsSwapEntry(entry))
        {
            return SwapIn(pid, page, area, slot, _pte.FrameOf(entry), access, out frame);
        }

        if (area.IsFileBacked)
        {
            return FaultInFilePage(pid, page, area, access, out frame);
        }

        var grab = AllocateDataFrame(pid, page, out var zeroed);
        if (grab != FrameGrab.Taken)
        {
            return grab == FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
        }

        Frames.TakeForAnonymous(zeroed, pid, page);
        _policy.Loaded((int)zeroed);
        bool mapped;
        using (Pin(zeroed))
        {
            mapped = TryMapPage(pid, page, zeroed, LeafFlags(area, writable: true, copyOnWrite: false));
        }

        if (!mapped)
        {
            FreeDataFrame(zeroed);
            return FaultOutcome.OutOfMemory;
        }

        frame = zeroed;
        return grew ? FaultOutcome.StackGrowth : FaultOutcome.DemandZero;
    }

    // A write to a present read-only page of a writable VMA: copy-on-write. The last sharer of an anonymous
    // page reuses it in place; a page-cache page or a still-shared page is copied to a new anonymous frame.
    private FaultOutcome BreakCow(int pid, ulong page, in VmArea area, ulong slot, ulong entry, out ulong frame, bool force = false)
    {
        var old = _pte.FrameOf(entry);
        frame = old;
        if (area.Shared)
        {
            WriteLeafEntry(pid, slot, page, _pte.Encode(old, LeafFlags(area, writable: true, copyOnWrite: false) | Kept(entry), leaf: true));
            return FaultOutcome.Spurious;
        }

        // Reuse needs the page to be truly ours: one mapping, and no swap entry elsewhere still waiting to read
        // it from the swap cache (Linux's reuse_swap_page checks the swap count too).
        if (Frames.UseOf(old) == FrameUse.Anonymous && Frames.MapCountOf(old) == 1 && !_swapSlotOfFrame.ContainsKey(old) && !force)
        {
            WriteLeafEntry(pid, slot, page, _pte.Encode(old, LeafFlags(area, writable: true, copyOnWrite: false) | Kept(entry), leaf: true));
            return FaultOutcome.CowReuse;
        }

        FrameGrab grab;
        ulong copy;
        using (Pin(old))
        {
            grab = AllocateDataFrame(pid, page, out copy);
        }

        if (grab != FrameGrab.Taken)
        {
            return grab == FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
        }

        // The old page is pinned, but be defensive: if its PTE changed meanwhile, the fault is simply retried.
        slot = Walks.LeafSlot(MemoryOf(pid).Root, page);
        if (slot == PageTableWalks.NoSlot || Machine.Memory.Read(slot, _pte.WidthBytes) != entry)
        {
            Machine.Frames.Free(copy);
            return FaultOutcome.Spurious;
        }

        Machine.Memory.CopyFrameTo(old, copy);
        Frames.TakeForAnonymous(copy, pid, page);
        _policy.Loaded((int)copy);
        WriteLeafEntry(pid, slot, page, _pte.Encode(copy, LeafFlags(area, writable: true, copyOnWrite: false), leaf: true));
        Frames.AddMapping(copy);
        DropMapping(old);
        frame = copy;
        return FaultOutcome.CowCopy;
    }

    private PteBits Kept(ulong entry) => _pte.Decode(entry) & (PteBits.Accessed | PteBits.Dirty);

    private FaultOutcome FaultInFilePage(int pid, ulong page, in VmArea area, AccessKind access, out ulong frame)
    {
        frame = 0;
        var fileId = Files.IdOf(area.Path!);
        var offset = area.OffsetOf(page);

        // Linux's filemap_fault: a page wholly past the end of the file is a bus error; the tail of the last
        // page is simply zeros.
        if (Files.LengthOf(fileId) is { } length && offset >= RoundUpToPage((ulong)length))
        {
            return FaultOutcome.SigBusPastEndOfFile;
        }

        // Room for the tables first: the OOM killer may drop a page-cache page's last mapping, so the page is
        // looked up only once nothing more can be freed under it.
        if (!RoomForTables(pid, page))
        {
            return FaultOutcome.OutOfMemory;
        }

        var outcome = FaultOutcome.PageCacheHit;
        var fresh = false;
        if (!_pageCache.TryGetValue((fileId, offset), out var cached))
        {
            var grab = AllocateDataFrame(pid, page, out cached);
            if (grab != FrameGrab.Taken)
            {
                return grab == FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
            }

            var bytes = new byte[Machine.Description.PageSize];
            Machine.Memory.ImportFrame(cached, Files.ReadPage(fileId, offset, bytes) ? bytes : null);
            Frames.TakeForFile(cached, pid, fileId, offset, page);
            _pageCache[(fileId, offset)] = cached;
            _policy.Loaded((int)cached);
            outcome = FaultOutcome.FileRead;
            fresh = true;
        }

        // A private mapping shares the page-cache page read-only; its first write gets a private copy.
        var writable = area.Shared;
        bool mapped;
        using (Pin(cached))
        {
            mapped = TryMapPage(pid, page, cached, LeafFlags(area, writable, copyOnWrite: !area.Shared && (area.Permissions & VmaPermissions.Write) != 0));
        }

        if (!mapped)
        {
            if (fresh)
            {
                FreeDataFrame(cached);
            }

            return FaultOutcome.OutOfMemory;
        }

        frame = cached;
        if (access == AccessKind.Write && !area.Shared)
        {
            var slot = Walks.LeafSlot(MemoryOf(pid).Root, page);
            var cow = BreakCow(pid, page, area, slot, Machine.Memory.Read(slot, _pte.WidthBytes), out frame);
            return cow == FaultOutcome.OutOfMemory ? cow : outcome;
        }

        return outcome;
    }

    private ulong RoundUpToPage(ulong bytes)
    {
        var mask = Machine.Description.PageSize - 1;
        return bytes > ulong.MaxValue - mask ? ulong.MaxValue & ~mask : (bytes + mask) & ~mask;
    }

    private FaultOutcome SwapIn(int pid, ulong page, in VmArea area, ulong slot, ulong swapSlot, AccessKind access, out ulong frame)
    {
        var outcome = FaultOutcome.PageCacheHit;
        if (!_swapCache.TryGetValue(swapSlot, out frame))
        {
            var grab = AllocateDataFrame(pid, page, out var fresh);
            if (grab != FrameGrab.Taken)
            {
                return grab == FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
            }

            // Reclaim during allocation cannot touch this not-present entry, so the slot is still ours.
            Machine.Memory.ImportFrame(fresh, Swap.Load(swapSlot));
            Frames.TakeForAnonymous(fresh, pid, page);
            _policy.Loaded((int)fresh);
            frame = fresh;
            outcome = FaultOutcome.SwapIn;
        }

        // The PTE leaves swap: the slot loses a reference. While others still hold it, the frame stays in
        // the swap cache and is shared copy-on-write.
        Swap.DropReference(swapSlot);
        var shared = Swap.ReferencesOf(swapSlot) > 0;
        if (shared)
        {
            _swapCache[swapSlot] = frame;
            _swapSlotOfFrame[frame] = swapSlot;
        }
        else if (_swapCache.Remove(swapSlot))
        {
            _swapSlotOfFrame.Remove(frame);
        }

        // Exclusive only when no other PTE holds the slot and no other process already maps the frame from the
        // swap cache; otherwise the page is shared copy-on-write like any page shared after fork.
        var exclusive = !shared && Frames.MapCountOf(frame) == 0;
        slot = Walks.LeafSlot(MemoryOf(pid).Root, page);
        WriteLeafEntry(pid, slot, page, _pte.Encode(frame, LeafFlags(area, writable: exclusive, copyOnWrite: !exclusive), leaf: true));
        Frames.AddMapping(frame);
        if (access == AccessKind.Write && !exclusive)
        {
            return BreakCow(pid, page, area, slot, Machine.Memory.Read(slot, _pte.WidthBytes), out frame) == FaultOutcome.OutOfMemory
                ? FaultOutcome.OutOfMemory
                : outcome;
        }

        return outcome;
    }
}
