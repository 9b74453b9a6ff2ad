using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>filemap_fault</c> (as <c>__do_fault</c> calls it): the page-cache page behind a file page, found in
/// the cache (no I/O: a minor fault) or read from the file into a new page-cache frame (the only major case). A
/// page wholly past the end of the file is a bus error (<see cref="FaultOutcome.SigBusPastEndOfFile"/>); the tail
/// of the last page is simply zeros.
/// </summary>
internal static class FilemapFault
{
    /// <summary>True when the page at <paramref name="offset"/> of file <paramref name="fileId"/> lies wholly past its end (an unknown length is not).</summary>
    public static bool IsPastEndOfFile(KernelCore kernel, int fileId, ulong offset) =>
        kernel.Files.LengthOf(fileId) is { } length && offset >= RoundUpToPage(kernel, (ulong)length);

    /// <summary>
    /// Finds the page-cache frame for <paramref name="page"/> of <paramref name="area"/>, reading it from the file when
    /// the cache lacks it. Returns <see cref="FaultOutcome.PageCacheHit"/> (found: no I/O) or
    /// <see cref="FaultOutcome.FileRead"/> (read: <paramref name="fresh"/> is true, the frame is in the cache and the
    /// policy's lists but mapped nowhere yet), or what stopped it (out of memory, a pending decision) with nothing changed.
    /// </summary>
    public static FaultOutcome Fault(KernelCore kernel, int pid, ulong page, in VmArea area, out ulong cached, out bool fresh)
    {
        fresh = false;
        var fileId = kernel.Files.IdOf(area.Path!);
        var offset = area.OffsetOf(page);
        if (kernel.PageCache.TryGetValue((fileId, offset), out cached))
        {
            return FaultOutcome.PageCacheHit;
        }

        var grab = kernel.AllocateDataFrame(pid, page, out cached);
        if (grab != KernelCore.FrameGrab.Taken)
        {
            return grab == KernelCore.FrameGrab.Pending ? FaultOutcome.AwaitingDecision : FaultOutcome.OutOfMemory;
        }

        var bytes = new byte[kernel.Machine.Description.PageSize];
        kernel.Machine.Memory.ImportFrame(cached, kernel.Files.ReadPage(fileId, offset, bytes) ? bytes : null);
        kernel.Frames.TakeForFile(cached, pid, fileId, offset, page);
        kernel.PageCache[(fileId, offset)] = cached;
        kernel.Policy.Loaded((int)cached);
        fresh = true;
        return FaultOutcome.FileRead;
    }

    /// <summary>
    /// What every file fault (<c>__do_fault</c>'s callers) checks before it looks the page up: a page past the end of
    /// the file is SIGBUS, and the tables it needs must have room first — the OOM killer may drop a page-cache page's
    /// last mapping, so the page is looked up only once nothing more can be freed under it. Null when the fault goes on.
    /// </summary>
    public static FaultOutcome? Refused(KernelCore kernel, int pid, ulong page, in VmArea area) =>
        IsPastEndOfFile(kernel, page, area) ? FaultOutcome.SigBusPastEndOfFile
            : !kernel.RoomForTables(pid, page) ? FaultOutcome.OutOfMemory
            : null;

    /// <summary>
    /// Maps the page-cache frame <paramref name="cached"/> that <see cref="Fault"/> returned at <paramref name="page"/>
    /// with <paramref name="flags"/> (Linux's <c>finish_fault</c> for the page itself). On failure a frame read only
    /// for this fault is let go again, and the outcome is out of memory.
    /// </summary>
    public static FaultOutcome MapCachedPage(KernelCore kernel, int pid, ulong page, ulong cached, bool fresh, PteBits flags, FaultOutcome found, out ulong frame)
    {
        frame = 0;
        bool mapped;
        using (kernel.Pin(cached))
        {
            mapped = kernel.TryMapPage(pid, page, cached, flags);
        }

        if (!mapped)
        {
            if (fresh)
            {
                kernel.FreeDataFrame(cached);
            }

            return FaultOutcome.OutOfMemory;
        }

        frame = cached;
        return found;
    }

    /// <summary>True when the file page behind <paramref name="page"/> of <paramref name="area"/> lies wholly past the end of its file.</summary>
    public static bool IsPastEndOfFile(KernelCore kernel, ulong page, in VmArea area) =>
        IsPastEndOfFile(kernel, kernel.Files.IdOf(area.Path!), area.OffsetOf(page));

    private static ulong RoundUpToPage(KernelCore kernel, ulong bytes)
    {
        var mask = kernel.Machine.Description.PageSize - 1;
        return bytes > ulong.MaxValue - mask ? ulong.MaxValue & ~mask : (bytes + mask) & ~mask;
    }
}
