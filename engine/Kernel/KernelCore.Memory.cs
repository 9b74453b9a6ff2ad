using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>The memory syscalls, and how VMA changes reach the page tables.</summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// mmap for <paramref name="pid"/> (see <see cref="MemoryDescriptor.Mmap"/>); pages arrive on first touch. The
    /// permissions are a decision (<see cref="KernelOptions.Decisions"/>); while it is pending the call fails with
    /// <see cref="Errno.EAGAIN"/> and changes nothing. A path naming anything but a regular file fails with
    /// <see cref="Errno.ENODEV"/>, before anything is opened. ENOMEM for a private writable request larger than
    /// RAM + swap (Linux's overcommit heuristic) and at <see cref="MaxMapCount"/> VMAs.
    /// </summary>
    public SyscallResult Mmap(int pid, ulong address, ulong length, VmaPermissions permissions, MapFlags flags, string? path = null, ulong offset = 0)
    {
        if (path is not null && InputFile.Probe(path) is not (InputFileKind.Regular or InputFileKind.Missing))
        {
            // Linux maps regular files only (a FIFO, socket or directory has no mmap: ENODEV); a missing file
            // stays allowed, as a simulated file need not exist on the host.
            return SyscallResult.Fail(Errno.ENODEV);
        }

        if (Options.Decisions.ChoosePermissions(this, pid, length, permissions) is not { } granted)
        {
            return SyscallResult.Fail(Errno.EAGAIN);
        }

        var mm = MmOf(pid);
        var accountable = (flags & (MapFlags.Shared | MapFlags.NoReserve)) == 0 && (granted & VmaPermissions.Write) != 0;
        if ((accountable && ExceedsCommitLimit(length)) || mm.Vmas.Count >= MaxMapCount)
        {
            return SyscallResult.Fail(Errno.ENOMEM);
        }

        return mm.Mmap(address, length, granted, flags, path is null ? VmaKind.AnonymousMapping : VmaKind.FileMapping, path, offset);
    }

    /// <summary>Linux's <c>vm.max_map_count</c> default: mmap fails with ENOMEM once a process has this many VMAs.</summary>
    public const int MaxMapCount = 65530;

    // OVERCOMMIT_GUESS, Linux's default heuristic: a single private writable request larger than RAM + swap is refused.
    private bool ExceedsCommitLimit(ulong bytes) =>
        bytes / Machine.Description.PageSize > Machine.Description.FrameCount + (ulong)Swap.Capacity;

    /// <summary>munmap for <paramref name="pid"/>: the range's pages are unmapped and freed when unshared.</summary>
    public SyscallResult Munmap(int pid, ulong address, ulong length) => MmOf(pid).Munmap(address, length);

    /// <summary>mprotect for <paramref name="pid"/>: the VMAs split and the present PTEs follow.</summary>
    public SyscallResult Mprotect(int pid, ulong address, ulong length, VmaPermissions permissions) =>
        MmOf(pid).Mprotect(address, length, permissions);

    /// <summary>
    /// brk for <paramref name="pid"/>: returns the break in force afterwards — the old one when the growth is refused:
    /// by Linux's overcommit heuristic (<c>__vm_enough_memory</c>, OVERCOMMIT_GUESS: one request of more pages than
    /// RAM + swap, counted from the page-aligned old break to the page-aligned new one), or, in
    /// <see cref="MemoryDescriptor.SetBrk"/>, for want of a clear page below the next mapping.
    /// </summary>
    public SyscallResult Brk(int pid, ulong newBreak)
    {
        var mm = MmOf(pid);
        var growth = newBreak > mm.Brk && newBreak <= TaskSize ? mm.RoundUp(newBreak) - mm.RoundUp(mm.Brk) : 0;
        return ExceedsCommitLimit(growth) ? SyscallResult.Ok(mm.Brk) : mm.SetBrk(newBreak);
    }

    /// <summary>
    /// Removes every PTE of [<paramref name="start"/>, <paramref name="end"/>) from <paramref name="pid"/>'s tables
    /// (Linux's <c>zap_page_range</c>): frames lose a mapping (and are freed at zero), swap slots a reference.
    /// </summary>
    internal void ZapRange(int pid, ulong start, ulong end)
    {
        ZapHugePmds(pid, start, end);
        var root = MemoryOf(pid).Root;
        Walks.ForEachLeaf(root, start, end, (va, slot, entry) =>
        {
            WriteLeafEntry(pid, slot, va, 0);
            if (_pte.IsPresent(entry))
            {
                DropMapping(_pte.FrameOf(entry));
            }
            else if (IsSwapEntry(entry))
            {
                DropSwapReference(_pte.FrameOf(entry));
            }
        });
    }

    /// <summary>Makes the present PTEs of a range follow their (new) VMA permissions, keeping copy-on-write pages read-only.</summary>
    internal void Reprotect(int pid, ulong start, ulong end)
    {
        var mm = MmOf(pid);
        ReprotectHugePmds(pid, start, end);
        Walks.ForEachLeaf(MemoryOf(pid).Root, start, end, (va, slot, entry) =>
        {
            if (!_pte.IsPresent(entry) || mm.Vmas.Find(va) is not { } area)
            {
                return;
            }

            var frame = _pte.FrameOf(entry);
            // can_change_pte_writable: a private page becomes writable only when it is an exclusive anonymous page
            // (never the zero page, nor a file page).
            var sharedPage = !area.Shared && (Frames.IsAnonShared(frame) || Frames.UseOf(frame) is FrameUse.File or FrameUse.ZeroPage || Frames.MapCountOf(frame) > 1);
            var canWrite = (area.Permissions & VmaPermissions.Write) != 0;
            // A clean page of a shared file mapping stays write-protected (writenotify: its first write must be seen).
            var notify = area.Shared && area.IsFileBacked && (_pte.Decode(entry) & PteBits.Dirty) == 0;
            var flags = LeafFlags(area, writable: !sharedPage && !notify) | Kept(entry);
            if (sharedPage && canWrite && Frames.UseOf(frame) == FrameUse.Anonymous)
            {
                Frames.SetAnonShared(frame, true);
            }

            WriteLeafEntry(pid, slot, va, _pte.Encode(frame, flags, leaf: true));
        });
    }

    /// <summary>
    /// Whether [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="pid"/> maps an anonymous frame or
    /// holds a swap entry: when it does, Linux's VMA has an <c>anon_vma</c> (assigned at its first anonymous fault, by
    /// <c>anon_vma_prepare</c>). Linux keeps the anon_vma once those pages are gone again; the simulation asks the pages.
    /// </summary>
    internal bool HasAnonymousPages(int pid, ulong start, ulong end)
    {
        var found = HasAnonymousHugePmd(pid, start, end);
        Walks.ForEachLeaf(MemoryOf(pid).Root, start, end, (_, _, entry) =>
        {
            found = found || IsSwapEntry(entry) || (_pte.IsPresent(entry) && Frames.UseOf(_pte.FrameOf(entry)) == FrameUse.Anonymous);
        });
        return found;
    }

    private void DropSwapReference(ulong slot)
    {
        Swap.DropReference(slot);
        if (Swap.ReferencesOf(slot) == 0 && _swapCache.Remove(slot, out var cachedFrame))
        {
            Frames.RemoveFromSwapCache(cachedFrame);
        }
    }

    /// <summary>Reads <paramref name="length"/> bytes of user memory of a process without faulting (absent pages read as zeros).</summary>
    public byte[] PeekUser(int pid, ulong va, int length)
    {
        var bytes = new byte[length];
        var root = MemoryOf(pid).Root;
        for (var i = 0; i < length; i++)
        {
            var address = va + (ulong)i;
            var entry = Walks.ReadLeaf(root, address);
            if (_pte.IsPresent(entry))
            {
                var offset = address & (Machine.Description.PageSize - 1);
                bytes[i] = Machine.Memory.ReadByte((_pte.FrameOf(entry) << Machine.Description.PageShift) + offset);
            }
        }

        return bytes;
    }

    internal PteBits DecodeLeaf(ulong entry) => _pte.Decode(entry);
}
