using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.City.Physical;

/// <summary>Everything a lot shows or its tooltip says about one frame.</summary>
/// <param name="Frame">The frame number.</param>
/// <param name="Kind">Its zoning.</param>
/// <param name="Owner">A process that maps it: the first mapper while it still does, else another sharer (0 for none).</param>
/// <param name="MapCount">Present PTEs mapping it (its refcount; &gt; 1 means shared copy-on-write or shared; for the zero page the PTEs that map it, which Linux does not count).</param>
/// <param name="VirtualAddress">Where an anonymous frame is mapped (same address in every sharer).</param>
/// <param name="Entry">That process's leaf PTE for the address (0 when unknown).</param>
/// <param name="Dirty">The owner's PTE has D set.</param>
public readonly record struct LotInfo(long Frame, LotKind Kind, int Owner, int MapCount, ulong VirtualAddress, ulong Entry, bool Dirty)
{
    /// <summary>
    /// An anonymous page mapped by more than one PTE — shared copy-on-write after fork: drawn two-tone with the
    /// refcount. (Shared file pages such as program text are read-only sharing, not COW: they keep their colour.)
    /// </summary>
    public bool Shared => MapCount > 1 && Kind is LotKind.Data or LotKind.Heap or LotKind.Stack;
}

/// <summary>
/// Reads the kernel's frame table and page tables to zone lots. Read-only and allocation-free. <see cref="KindOf"/>
/// is cheap (array reads and one VMA search); <see cref="Inspect"/> also walks the owner's page table.
/// </summary>
public sealed class LotClassifier(KernelCore kernel)
{
    private readonly KernelCore _kernel = kernel;
    private readonly PteLayout _pte = kernel.Machine.Description.Pte;

    /// <summary>The kernel read.</summary>
    public KernelCore Kernel => _kernel;

    /// <summary>The lot kind of <paramref name="frame"/>.</summary>
    public LotKind KindOf(long frame)
    {
        var f = (ulong)frame;
        return _kernel.UseOf(f) switch
        {
            FrameUse.Free => LotKind.Free,
            FrameUse.PageTable => LotKind.PageTable,
            FrameUse.File => LotKind.File,
            FrameUse.Reserved => LotKind.Kernel,
            FrameUse.ZeroPage => LotKind.ZeroPage,
            _ => AnonymousKind(_kernel.Frames.OwnerOf(f), _kernel.Frames.VirtualAddressOf(f)),
        };
    }

    /// <summary>Everything about <paramref name="frame"/>, including the owner's PTE and its dirty bit.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="searchSharers">
    /// When the first mapper no longer maps the frame, look through every process for one that does (one walk
    /// per process: for tooltips). Drawing passes false so a screen of lots costs at most one walk each.
    /// </param>
    public LotInfo Inspect(long frame, bool searchSharers = true)
    {
        var f = (ulong)frame;
        var kind = KindOf(frame);
        var owner = _kernel.Frames.OwnerOf(f);
        var va = _kernel.Frames.VirtualAddressOf(f);
        ulong entry = 0;
        if (kind is LotKind.Data or LotKind.Heap or LotKind.Stack)
        {
            entry = LeafMapping(owner, va, f);
            if (entry == 0 && searchSharers)
            {
                // The first mapper let go (a COW copy, an exit): the page lives on in another process that
                // maps the same address (fork keeps addresses) — the reverse map Linux uses for anonymous pages.
                var pids = _kernel.Pids;
                for (var i = 0; i < pids.Count; i++)
                {
                    if (pids[i] != owner && (entry = LeafMapping(pids[i], va, f)) != 0)
                    {
                        owner = pids[i];
                        break;
                    }
                }
            }
        }

        var dirty = entry != 0 && (_pte.Decode(entry) & PteBits.Dirty) != 0;

        // The zero page's own map count stays 0 as Linux's does; the lot shows how many PTEs map it.
        var mapCount = kind == LotKind.ZeroPage ? (int)Math.Min(int.MaxValue, _kernel.Frames.ZeroPageMappings) : _kernel.Frames.MapCountOf(f);
        return new LotInfo(frame, kind, owner, mapCount, va, entry, dirty);
    }

    // The leaf PTE of pid at va when it maps frame, else 0.
    private ulong LeafMapping(int pid, ulong va, ulong frame)
    {
        if (pid == 0 || !_kernel.Exists(pid) || _kernel.MemoryOf(pid).Mm is null)
        {
            return 0;
        }

        var entry = _kernel.Walks.ReadLeaf(_kernel.MemoryOf(pid).Root, va);
        return _pte.IsPresent(entry) && _pte.FrameOf(entry) == frame ? entry : 0;
    }

    private LotKind AnonymousKind(int owner, ulong va)
    {
        if (owner == 0 || !_kernel.Exists(owner) || _kernel.MemoryOf(owner).Mm is not { } mm || mm.Vmas.Find(va) is not { } area)
        {
            return LotKind.Data;
        }

        return area.Kind switch
        {
            VmaKind.Stack => LotKind.Stack,
            VmaKind.Heap or VmaKind.AnonymousMapping => LotKind.Heap,
            _ => LotKind.Data,
        };
    }
}
