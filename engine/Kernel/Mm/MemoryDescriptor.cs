using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// A process's address space (Linux's <c>mm_struct</c>): its VMAs, the layout marks execve and brk
/// maintain, and the VMA side of <c>mmap</c>, <c>munmap</c>, <c>mprotect</c>, <c>brk</c> and stack growth.
/// Changes that must reach the page tables are reported to the <see cref="IMappingObserver"/>.
/// <para>
/// Layout, low to high: a NULL guard below <see cref="MinMapAddress"/>, text, data, bss, the heap from
/// <see cref="StartBrk"/> up to <see cref="Brk"/>, the mmap area growing down from <see cref="MmapBase"/>,
/// the stack growing down from <see cref="StartStack"/>, and above <see cref="TaskSize"/> the kernel half.
/// </para>
/// </summary>
public sealed class MemoryDescriptor
{
    private readonly IMappingObserver _observer;

    /// <summary>Creates an empty address space no process owns, its VMA entities in a world of its own (e.g. <c>maps --exec</c>).</summary>
    /// <param name="pageSize">The machine's page size.</param>
    /// <param name="taskSize">The first address above user space (Linux's TASK_SIZE).</param>
    /// <param name="observer">Told about changes the page tables must follow.</param>
    public MemoryDescriptor(ulong pageSize, ulong taskSize, IMappingObserver observer)
        : this(pageSize, taskSize, observer, new World(), 0)
    {
    }

    /// <summary>Creates the empty address space of process <paramref name="ownerPid"/>, its VMA entities in <paramref name="world"/>.</summary>
    /// <param name="pageSize">The machine's page size.</param>
    /// <param name="taskSize">The first address above user space (Linux's TASK_SIZE).</param>
    /// <param name="observer">Told about changes the page tables must follow.</param>
    /// <param name="world">The world the VMA entities live in (the kernel's).</param>
    /// <param name="ownerPid">The process whose address space this is, named by every VMA entity's <see cref="VmaOwner"/>.</param>
    public MemoryDescriptor(ulong pageSize, ulong taskSize, IMappingObserver observer, World world, int ownerPid)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Vmas = new VmaTree(pageSize, world, ownerPid);
        TaskSize = taskSize;
        _observer = observer;
        // 64 KiB like Linux's vm.mmap_min_addr, but never more than a sixteenth of a tiny teaching address space.
        MinMapAddress = Math.Max(pageSize, Math.Min(0x10000UL, taskSize / 16) & ~(pageSize - 1));
        StackGuardGap = 256 * pageSize;
    }

    /// <summary>
    /// The huge page size mmap aligns large anonymous mappings to (2 MiB on x86-64; 0, the default, for none): Linux
    /// 6.18 places an anonymous mapping with no hint whose length is a multiple of it on such a boundary.
    /// </summary>
    public ulong HugePageAlignment { get; init; }

    /// <summary>The VMAs, ordered by address.</summary>
    public VmaTree Vmas { get; }

    /// <summary>The page size every mapping is aligned to.</summary>
    public ulong PageSize => Vmas.PageSize;

    /// <summary>The first address above user space; user mappings end at or below it.</summary>
    public ulong TaskSize { get; }

    /// <summary>The lowest address mmap hands out (Linux's <c>vm.mmap_min_addr</c>, 64 KiB): the NULL guard.</summary>
    public ulong MinMapAddress { get; }

    /// <summary>Pages kept free below a growing stack (Linux's <c>stack_guard_gap</c>, 256 pages).</summary>
    public ulong StackGuardGap { get; }

    /// <summary>The most the stack may grow to (RLIMIT_STACK, 8 MiB by default).</summary>
    public ulong StackLimit { get; set; } = 8UL << 20;

    /// <summary><c>start_code</c>: where the program's text begins.</summary>
    public ulong StartCode { get; set; }

    /// <summary><c>end_code</c>: where the program's text ends.</summary>
    public ulong EndCode { get; set; }

    /// <summary><c>start_data</c>: where initialised data begins.</summary>
    public ulong StartData { get; set; }

    /// <summary><c>end_data</c>: where initialised data ends.</summary>
    public ulong EndData { get; set; }

    /// <summary><c>start_brk</c>: the heap's base.</summary>
    public ulong StartBrk { get; set; }

    /// <summary><c>brk</c>: the current program break (not page-aligned; the heap VMA ends at it rounded up).</summary>
    public ulong Brk { get; set; }

    /// <summary><c>start_stack</c>: the initial stack pointer's region top.</summary>
    public ulong StartStack { get; set; }

    /// <summary><c>arg_start</c>/<c>arg_end</c>: where argv's strings are on the stack.</summary>
    public (ulong Start, ulong End) Arguments { get; set; }

    /// <summary><c>env_start</c>/<c>env_end</c>: where the environment strings are on the stack.</summary>
    public (ulong Start, ulong End) Environment { get; set; }

    /// <summary>Top of the mmap area; mappings without a usable hint are placed top-down below it.</summary>
    public ulong MmapBase { get; set; }

    /// <summary>
    /// Linux's <c>mmap</c> (VMA side): validates, places and inserts the mapping; returns its address.
    /// Length is rounded up to pages. A mapping with MAP_FIXED first unmaps whatever it covers.
    /// </summary>
    public SyscallResult Mmap(ulong address, ulong length, VmaPermissions permissions, MapFlags flags, VmaKind kind,
        string? path = null, ulong fileOffset = 0)
    {
        if (length == 0 || fileOffset % PageSize != 0 || length > TaskSize)
        {
            return SyscallResult.Fail(Errno.EINVAL);
        }

        var pages = RoundUp(length);
        var exact = (flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0;
        if (exact && (address % PageSize != 0 || address < MinMapAddress || address > TaskSize - pages))
        {
            return SyscallResult.Fail(address % PageSize != 0 ? Errno.EINVAL : Errno.ENOMEM);
        }

        ulong start;
        if (exact)
        {
            if (!Vmas.IsFree(address, address + pages))
            {
                if ((flags & MapFlags.FixedNoReplace) != 0)
                {
                    return SyscallResult.Fail(Errno.EEXIST);
                }

                Unmap(address, address + pages);
            }

            start = address;
        }
        else
        {
            var hint = address & ~(PageSize - 1);
            var hintFits = hint >= MinMapAddress && hint <= TaskSize - pages && Vmas.IsFree(hint, hint + pages);
            ulong? found = hintFits ? hint : null;
            var alignment = HugePageAlignment;
            if (found is null && address == 0 && path is null && alignment != 0 && pages % alignment == 0 && pages <= TaskSize - alignment)
            {
                // Linux 6.18's __get_unmapped_area: an anonymous mapping with no hint whose length is a multiple of
                // 2 MiB is placed on a 2 MiB boundary (thp_get_unmapped_area_vmflags: a gap 2 MiB longer, rounded up).
                found = Vmas.FindGapTopDown(pages + alignment, MinMapAddress, MmapBase == 0 ? TaskSize : MmapBase) is { } padded
                    ? (padded + alignment - 1) & ~(alignment - 1)
                    : null;
            }

            found ??= Vmas.FindGapTopDown(pages, MinMapAddress, MmapBase == 0 ? TaskSize : MmapBase);
            if (found is null)
            {
                return SyscallResult.Fail(Errno.ENOMEM);
            }

            start = found.Value;
        }

        Vmas.Insert(VmArea.Create(start, start + pages, permissions, (flags & MapFlags.Shared) != 0, kind, path, fileOffset));
        return SyscallResult.Ok(start);
    }

    /// <summary>Linux's <c>munmap</c>: unmaps every page of the range (holes allowed).</summary>
    public SyscallResult Munmap(ulong address, ulong length)
    {
        if (address % PageSize != 0 || length == 0 || address >= TaskSize || length > TaskSize - address)
        {
            return SyscallResult.Fail(Errno.EINVAL);
        }

        Unmap(address, address + RoundUp(length));
        return SyscallResult.Ok();
    }

    /// <summary>
    /// Linux's <c>mprotect</c> (<c>do_mprotect_pkey</c>): changes the VMAs from <paramref name="address"/> up to
    /// the first unmapped page, then answers ENOMEM if the range went on past it — so a hole in the middle leaves
    /// the VMAs before it changed, and a hole at the start changes nothing. VM_ACCOUNT follows
    /// <see cref="VmaTree.AccountedAfter"/>, asking the observer whether a VMA has anonymous pages.
    /// </summary>
    public SyscallResult Mprotect(ulong address, ulong length, VmaPermissions permissions)
    {
        if (address % PageSize != 0 || address >= TaskSize || length > TaskSize - address)
        {
            return SyscallResult.Fail(Errno.EINVAL);
        }

        if (length == 0)
        {
            return SyscallResult.Ok();
        }

        var end = address + RoundUp(length);
        var changedEnd = Vmas.MappedRunEnd(address, end);
        if (changedEnd > address)
        {
            Vmas.Protect(address, changedEnd, permissions, _observer.HasAnonymousPages);
            _observer.ProtectionChanged(address, changedEnd, permissions);
        }

        return changedEnd == end ? SyscallResult.Ok() : SyscallResult.Fail(Errno.ENOMEM);
    }

    /// <summary>
    /// Linux's <c>madvise</c> (<c>do_madvise</c>) for the advice VmQuest follows: EINVAL for a start that is not page-aligned
    /// or a range past user space; a zero length does nothing. The advice applies to every mapped page of the range
    /// (the length rounded up to pages); a hole in it answers ENOMEM afterwards, as <c>madvise_walk_vmas</c> does.
    /// <see cref="MadviseAdvice.HugePage"/> and <see cref="MadviseAdvice.NoHugePage"/> set and clear VM_HUGEPAGE,
    /// splitting and merging VMAs; <see cref="MadviseAdvice.DontNeed"/> drops the pages (the observer zaps them).
    /// </summary>
    public SyscallResult Madvise(ulong address, ulong length, MadviseAdvice advice)
    {
        if (address % PageSize != 0 || address >= TaskSize || length > TaskSize - address)
        {
            return SyscallResult.Fail(Errno.EINVAL);
        }

        if (length == 0)
        {
            return SyscallResult.Ok();
        }

        var end = address + RoundUp(length);
        if (advice != MadviseAdvice.DontNeed)
        {
            return Vmas.SetHugePage(address, end, advice == MadviseAdvice.HugePage) ? SyscallResult.Ok() : SyscallResult.Fail(Errno.ENOMEM);
        }

        var covered = 0UL;
        foreach (var area in Vmas.Areas.Where(a => a.Start < end && a.End > address).ToList())
        {
            var piece = area.Slice(Math.Max(area.Start, address), Math.Min(area.End, end));
            covered += piece.Length;
            _observer.Unmapped(piece);
        }

        return covered == end - address ? SyscallResult.Ok() : SyscallResult.Fail(Errno.ENOMEM);
    }

    /// <summary>
    /// Linux's <c>brk</c> (6.18, the VMA side): moves the program break to <paramref name="newBrk"/> and returns the
    /// break in force afterwards. As in Linux, failure is not an error code: the old break comes back unchanged —
    /// below <see cref="StartBrk"/>, past <see cref="TaskSize"/>, a shrink with no heap to shrink, or growth that
    /// would not leave a page clear below the next mapping (<c>newbrk + PAGE_SIZE &gt; vm_start_gap(next)</c>, where
    /// the gap below a stack also takes its <see cref="StackGuardGap"/>). The commit check is the kernel's
    /// (<see cref="KernelCore.Brk"/>).
    /// </summary>
    public SyscallResult SetBrk(ulong newBrk)
    {
        if (newBrk < StartBrk || newBrk > TaskSize)
        {
            return SyscallResult.Ok(Brk);
        }

        var oldEnd = RoundUp(Brk);
        var newEnd = RoundUp(newBrk);
        if (newEnd > oldEnd)
        {
            if (Vmas.FindFirstEndingAbove(oldEnd) is { } next && newEnd + PageSize > StartGap(next))
            {
                return SyscallResult.Ok(Brk);
            }

            var heap = oldEnd > StartBrk ? Vmas.IndexContaining(oldEnd - 1) : -1;
            if (heap >= 0 && Vmas.Areas[heap].Kind == VmaKind.Heap)
            {
                Vmas.Resize(heap, Vmas.Areas[heap].Start, newEnd);
            }
            else
            {
                Vmas.Insert(VmArea.Create(oldEnd, newEnd, VmaPermissions.ReadWrite, false, VmaKind.Heap));
            }
        }
        else if (newEnd < oldEnd)
        {
            // "mapping intersects with an existing non-brk vma": nothing left of the heap to shrink.
            if (Vmas.IsFree(newEnd, oldEnd))
            {
                return SyscallResult.Ok(Brk);
            }

            Unmap(newEnd, oldEnd);
        }

        Brk = newBrk;
        return SyscallResult.Ok(Brk);
    }

    // Linux's vm_start_gap: where a VMA's start counts from for a gap check — a stack's guard gap lower.
    private ulong StartGap(in VmArea area) =>
        area.Kind != VmaKind.Stack ? area.Start : area.Start > StackGuardGap ? area.Start - StackGuardGap : 0;

    /// <summary>
    /// Grows the stack VMA down to cover <paramref name="address"/> if the fault is just below it: within
    /// <see cref="StackLimit"/> of the stack's top and not into the guard gap above the next lower mapping.
    /// Returns true when the stack now covers the address (Linux's <c>expand_stack</c>).
    /// </summary>
    public bool TryExpandStack(ulong address)
    {
        if (!CanExpandStack(address, out var index, out var newStart))
        {
            return false;
        }

        if (index >= 0)
        {
            Vmas.Resize(index, newStart, Vmas.Areas[index].End);
        }

        return true;
    }

    /// <summary>
    /// Whether <see cref="TryExpandStack"/> would succeed for <paramref name="address"/>, changing nothing: the
    /// stack already covers it (<paramref name="index"/> −1), or it can grow down to <paramref name="newStart"/>
    /// (the stack's index in <see cref="Vmas"/>).
    /// </summary>
    public bool CanExpandStack(ulong address, out int index, out ulong newStart)
    {
        index = -1;
        newStart = 0;
        var above = Vmas.FindFirstEndingAbove(address);
        if (above is not { Kind: VmaKind.Stack } stack || stack.Start <= address)
        {
            return above is { Kind: VmaKind.Stack } covering && covering.Contains(address);
        }

        newStart = address & ~(PageSize - 1);
        if (stack.End - newStart > StackLimit)
        {
            return false;
        }

        index = Vmas.IndexContaining(stack.Start);
        return index <= 0 || Vmas.Areas[index - 1].End + StackGuardGap <= newStart;
    }

    /// <summary>Unmaps [<paramref name="start"/>, <paramref name="end"/>) and tells the observer about each removed piece.</summary>
    public void Unmap(ulong start, ulong end)
    {
        foreach (var removed in Vmas.Remove(start, end))
        {
            _observer.Unmapped(removed);
        }
    }

    /// <summary>
    /// Drops every VMA and destroys its entity without telling the observer: exit and exec call it once the
    /// page tables are gone. The address space is empty afterwards.
    /// </summary>
    public void Release() => Vmas.Clear();

    /// <summary>Copies <paramref name="parent"/>'s VMAs and layout marks into this empty address space (fork).</summary>
    public void CopyLayoutFrom(MemoryDescriptor parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (Vmas.Count != 0)
        {
            throw new InvalidOperationException("fork copies into a fresh address space");
        }

        foreach (var area in parent.Vmas.Areas)
        {
            Vmas.Insert(area);
        }

        (StartCode, EndCode, StartData, EndData) = (parent.StartCode, parent.EndCode, parent.StartData, parent.EndData);
        (StartBrk, Brk, StartStack, MmapBase) = (parent.StartBrk, parent.Brk, parent.StartStack, parent.MmapBase);
        (Arguments, Environment, StackLimit) = (parent.Arguments, parent.Environment, parent.StackLimit);
    }

    /// <summary>Rounds <paramref name="length"/> up to a whole number of pages.</summary>
    public ulong RoundUp(ulong length) => (length + PageSize - 1) & ~(PageSize - 1);
}
