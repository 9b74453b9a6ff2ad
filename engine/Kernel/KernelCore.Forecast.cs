using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>The fault handler's judgement without its work: what <see cref="HandleFault"/> would do, changing nothing.</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// What the fault handler would report for a fault of <paramref name="pid"/> at <paramref name="va"/> for
    /// <paramref name="access"/>, and what it bases that on, without changing any state (no stack growth, no frame,
    /// no event, no counter). It follows <see cref="HandleMmFault"/> case by case, asking the same rules
    /// (<see cref="BadArea"/>, <see cref="ExpandStack"/>, <see cref="DoWpPage.CanReuse"/>, <see cref="FilemapFault"/>);
    /// the tests hold the two together.
    /// </summary>
    public FaultForecast ForecastFault(int pid, ulong va, AccessKind access)
    {
        var mm = MmOf(pid);
        var page = va & ~(Machine.Description.PageSize - 1);
        FaultForecast Killed(FaultOutcome outcome, VmArea? area, bool grows) =>
            new(pid, va, access, outcome, FaultSource.None, area, grows, 0, null, null, 0, false, false);

        if (BadArea.IsNonCanonical(this, va))
        {
            return Killed(FaultOutcome.SegvGeneralProtection, null, false);
        }

        if (BadArea.InKernelSpace(this, va))
        {
            return Killed(FaultOutcome.SegvKernelAddress, null, false);
        }

        var grows = false;
        if (mm.Vmas.Find(va) is not { } area)
        {
            if (!ExpandStack.TryForesee(mm, va, out area))
            {
                return Killed(FaultOutcome.SegvNoMapping, null, false);
            }

            grows = true;
        }

        if (BadArea.AccessError(area.Permissions, access) is { } segv)
        {
            return Killed(segv, area, grows);
        }

        var effective = HandleMmFault.EffectiveAccess(this, area, access);
        var slot = Walks.LeafSlot(MemoryOf(pid).Root, page);
        var entry = slot == PageTableWalks.NoSlot ? 0 : Machine.Memory.Read(slot, _pte.WidthBytes);
        if (_pte.IsPresent(entry))
        {
            var present = _pte.FrameOf(entry);
            var mapCount = Frames.MapCountOf(present);
            var writable = (_pte.Decode(entry) & PteBits.Writable) != 0;
            var outcome = effective != AccessKind.Write || writable ? FaultOutcome.Spurious
                : area.Shared ? area.IsFileBacked ? FaultOutcome.SharedWriteNotify : FaultOutcome.Spurious
                : DoWpPage.CanReuse(this, present) ? FaultOutcome.CowReuse : FaultOutcome.CowCopy;
            return new FaultForecast(pid, va, access, outcome, outcome == FaultOutcome.Spurious ? FaultSource.None : FaultSource.Present,
                area, grows, entry, null, present, mapCount, false, outcome == FaultOutcome.CowCopy);
        }

        if (IsSwapEntry(entry))
        {
            var swapSlot = _pte.FrameOf(entry);
            var cached = _swapCache.ContainsKey(swapSlot);
            return new FaultForecast(pid, va, access, cached ? FaultOutcome.PageCacheHit : FaultOutcome.SwapIn, FaultSource.Swap,
                area, grows, entry, swapSlot, null, 0, cached, !cached);
        }

        if (area.IsFileBacked)
        {
            var offset = area.OffsetOf(page);
            var known = Files.TryGetId(area.Path!, out var fileId);
            if (known && FilemapFault.IsPastEndOfFile(this, fileId, offset))
            {
                return Killed(FaultOutcome.SigBusPastEndOfFile, area, grows);
            }

            var cached = known && _pageCache.ContainsKey((fileId, offset));
            return new FaultForecast(pid, va, access, cached ? FaultOutcome.PageCacheHit : FaultOutcome.FileRead, FaultSource.File,
                area, grows, entry, null, null, 0, cached, !cached);
        }

        // A read maps the shared zero page (DoAnonymousPage): no frame is taken for it.
        return new FaultForecast(pid, va, access, grows ? FaultOutcome.StackGrowth : FaultOutcome.DemandZero, FaultSource.Zero,
            area, grows, entry, null, null, 0, false, !MapsZeroPage(area, effective));
    }
}
