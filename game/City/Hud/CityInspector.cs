using System.Globalization;
using VmQuest.City.Physical;
using VmQuest.City.Virtual;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.City.Hud;

/// <summary>
/// Words for what the player points at: a physical lot (frame, zoning, owner, refcount, dirty, the owner's PTE
/// decoded) or a virtual page (address, VMA, PTE decoded, frame). Read-only; builds a few short strings, so the
/// view calls it only when the target or the simulation changed.
/// </summary>
public sealed class CityInspector(LotClassifier classifier)
{
    private readonly LotClassifier _classifier = classifier;

    private KernelCore Kernel => _classifier.Kernel;

    /// <summary>Lines describing physical frame <paramref name="frame"/>.</summary>
    public IReadOnlyList<string> DescribeFrame(long frame)
    {
        var lot = _classifier.Inspect(frame);
        var lines = new List<string>();
        var head = string.Create(CultureInfo.InvariantCulture, $"frame {frame} (0x{frame:x}) · {LotColours.WordOf(lot.Kind)}");
        if (lot.Owner > 0 && lot.Kind is not (LotKind.Free or LotKind.Kernel))
        {
            head += string.Create(CultureInfo.InvariantCulture, $" · owner pid {lot.Owner} {OwnerName(lot.Owner)}");
        }

        lines.Add(head);
        switch (lot.Kind)
        {
            case LotKind.Free:
                lines.Add("empty lot: the next fault may build here");
                return lines;
            case LotKind.PageTable:
                var levels = Kernel.Machine.Description.Levels;
                var found = PageTableLocator.Find(Kernel, (ulong)frame);
                lines[0] = found is { } table
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"frame {frame} (0x{frame:x}) · page table, level {levels[table.Level].Name}, pid {table.Pid} {OwnerName(table.Pid)}")
                    : string.Create(CultureInfo.InvariantCulture, $"frame {frame} (0x{frame:x}) · page table (no process's tree holds it now)");
                lines.Add(found is { Level: 0 } root
                    ? $"address bureau: the root table, loaded into {Kernel.Machine.Description.RootRegister} when pid {root.Pid} runs"
                    : "address bureau: a page of page-table entries");
                return lines;
            case LotKind.Kernel:
                lines.Add("reserved by the machine / kernel (walled)");
                return lines;
            case LotKind.ZeroPage:
                lines.Add("the shared zero page (共享零页): every read of untouched private anonymous memory maps it read-only");
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{lot.MapCount} PTEs map it (Linux counts none: refcount stays 0); the first write gets a page of its own"));
                lines.Add("被读取但尚未写入的私有匿名页都只读映射到它；首次写入时才分配私有页");
                return lines;
        }

        var sharing = lot.Shared ? " · COW shared" : lot.MapCount > 1 ? " · shared read-only" : "";
        var dirty = lot.Dirty ? " · dirty" : " · clean";
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"refcount {lot.MapCount}{sharing}{dirty}"));
        if (lot.Kind == LotKind.File)
        {
            var (fileId, offset) = Kernel.Frames.FilePageOf((ulong)frame);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"page cache: {Kernel.Files.PathOf(fileId)} +0x{offset:x}"));
            return lines;
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"VA 0x{lot.VirtualAddress:x12}"));
        lines.Add(lot.Entry == 0 ? "PTE: not found in the owner's table" : PteLine(lot.Entry));
        return lines;
    }

    /// <summary>Lines describing the page of <paramref name="pid"/> at <paramref name="va"/>.</summary>
    public IReadOnlyList<string> DescribePage(int pid, ulong va)
    {
        var lines = new List<string>();
        if (!Kernel.Exists(pid) || Kernel.MemoryOf(pid).Mm is not { } mm)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid} has no address space"));
            return lines;
        }

        var area = mm.Vmas.Find(va);
        var where = area is { } a ? $"{VmaWords.Of(a)} {a.PermissionString}" : "no VMA";
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid} {OwnerName(pid)} · VA 0x{va:x12} · {where}"));
        var entry = Kernel.Walks.ReadLeaf(Kernel.MemoryOf(pid).Root, va);
        var pte = Kernel.Machine.Description.Pte;
        if (entry == 0)
        {
            lines.Add("PTE: none — planned (demand paging builds it on first touch)");
        }
        else if (!pte.IsPresent(entry))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"PTE {PteText.Describe(pte.Decode(entry))}: in the harbour, swap slot {pte.FrameOf(entry)}"));
        }
        else
        {
            lines.Add(PteLine(entry));
            var frame = pte.FrameOf(entry);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"→ frame {frame} (refcount {Kernel.Frames.MapCountOf(frame)})"));
        }

        return lines;
    }

    /// <summary>
    /// Lines describing process <paramref name="pid"/> (state, VMAs, resident pages) and, when <paramref name="va"/>
    /// is given, the VMA that holds it.
    /// </summary>
    public IReadOnlyList<string> DescribeProcess(int pid, ulong? va)
    {
        var lines = new List<string>();
        if (!Kernel.Exists(pid) || Kernel.MemoryOf(pid).Mm is not { } mm)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid} has exited"));
            return lines;
        }

        var info = Kernel.Info(pid);
        var resident = 0L;
        var frames = Kernel.Frames;
        for (var f = 0; f < frames.Count; f++)
        {
            resident += frames.OwnerOf((ulong)f) == pid && frames.UseOf((ulong)f) != Engine.Kernel.Memory.FrameUse.Free ? 1 : 0;
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"pid {pid} {info.Name} · {info.State.ToString().ToLowerInvariant()} · {mm.Vmas.Count} VMAs · parent {(info.ParentPid == 0 ? "none" : info.ParentPid.ToString(CultureInfo.InvariantCulture))}"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{resident} frames first built by it (outlined in the city)"));
        if (va is { } address && mm.Vmas.Find(address) is { } area)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"VMA 0x{area.Start:x}–0x{area.End:x} {area.PermissionString} · {area.Length / Kernel.Machine.Description.PageSize} pages"));
            lines.Add(VmaWords.Of(area));
        }
        else
        {
            lines.Add("click a street page to see its VMA");
        }

        return lines;
    }

    private string PteLine(ulong entry)
    {
        var pte = Kernel.Machine.Description.Pte;
        return string.Create(CultureInfo.InvariantCulture, $"PTE 0x{entry:x16}: {PteText.Describe(pte.Decode(entry))}");
    }

    private string OwnerName(int pid) => Kernel.Exists(pid) ? Kernel.Info(pid).Name : "(exited)";
}
