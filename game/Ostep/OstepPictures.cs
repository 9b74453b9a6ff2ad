using System.Globalization;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Ostep;

/// <summary>
/// Each OSTEP question as a small city of memory (<see cref="OstepPicture"/>): a translation's virtual pages and
/// frames, a two-level walk's directory, table and memory, a reference's string and frames. Streets longer than
/// <see cref="MaxLots"/> show the window of them holding the lot asked about.
/// </summary>
public static class OstepPictures
{
    /// <summary>Most lots a street shows (the multilevel problems' memory, 128 pages, shows whole).</summary>
    public const int MaxLots = 32;

    private const int MultilevelPageBytes = 32;
    private const int MultilevelPages = 128;

    /// <summary>A linear translation: the page table as a street of virtual pages, physical memory as one of frames.</summary>
    public static OstepPicture Linear(OstepProblem problem, OstepAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(answer);
        var page = problem.PageSize;
        var vpn = answer.Question.VirtualAddress / page;
        var entries = problem.PageTable.Count;
        var first = vpn < (ulong)entries ? (int)(vpn / MaxLots) * MaxLots : 0;
        var shown = Enumerable.Range(first, Math.Min(MaxLots, entries - first)).ToList();
        var pages = new OstepStreet(new Words("Virtual pages (VPN): the page table's entries", "虚拟页（VPN）：页表的各项"),
            [.. shown.Select(v => new OstepLot(Number(v), Valid(problem.PageTable[v]) ? OstepLotKind.Mapped : OstepLotKind.Empty))],
            vpn < (ulong)entries ? (int)vpn - first : -1, first);

        var frames = (long)(problem.PhysicalMemorySize / page);
        long? asked = answer.PhysicalAddress is { } pa ? (long)(pa / page) : null;
        var firstFrame = asked is { } f && f < frames ? f / MaxLots * MaxLots : 0;
        var mapped = shown.Where(v => Valid(problem.PageTable[v])).Select(v => (long)Pfn(problem.PageTable[v])).ToHashSet();
        var lots = Enumerable.Range(0, (int)Math.Min(MaxLots, frames - firstFrame))
            .Select(i => new OstepLot(Number(firstFrame + i), mapped.Contains(firstFrame + i) ? OstepLotKind.Mapped : OstepLotKind.Empty)).ToList();
        var name = new Words("Physical frames (PFN)", "物理页框（PFN）");
        var before = new OstepStreet(name, lots, -1, firstFrame);
        var marked = asked is { } to && to >= firstFrame && to < firstFrame + lots.Count ? (int)(to - firstFrame) : -1;
        var after = before with { Marked = marked };
        IReadOnlyList<OstepRoad> roads = pages.Marked >= 0 && marked >= 0 ? [new OstepRoad(0, pages.Marked, 1, marked)] : [];
        return new OstepPicture([pages, before], [pages, after], roads);
    }

    /// <summary>A two-level walk: the page directory; once answered, the page table it leads to and the 128 pages of memory.</summary>
    public static OstepPicture Multilevel(OstepProblem problem, OstepAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(answer);
        var va = answer.Question.VirtualAddress;
        var directory = Table(problem, problem.Pdbr, (int)(va >> 10 & 0x1f),
            new Words($"Page directory (page {problem.Pdbr}, the PDBR): its 32 entries", $"页目录（第 {problem.Pdbr} 页，即 PDBR）：32 项"));
        var asked = new List<OstepStreet> { directory };
        var answered = new List<OstepStreet> { directory };
        var roads = new List<OstepRoad>();
        if (va >> 15 != 0 || answer.Steps.Count == 0)
        {
            return new OstepPicture(asked, answered, roads);
        }

        var tables = new List<ulong> { problem.Pdbr };
        if (answer.Steps[0].Valid && answer.Steps.Count > 1)
        {
            var table = answer.Steps[0].Frame;
            tables.Add(table);
            answered.Add(Table(problem, table, (int)(va >> 5 & 0x1f), new Words($"Page table (page {table}): its 32 entries", $"页表（第 {table} 页）：32 项")));
            roads.Add(new OstepRoad(0, directory.Marked, 1, answered[1].Marked));
        }

        if (answer.PhysicalAddress is { } pa)
        {
            var target = (long)(pa / MultilevelPageBytes);
            var memory = Enumerable.Range(0, MultilevelPages)
                .Select(p => new OstepLot(Number(p), tables.Contains((ulong)p) ? OstepLotKind.Table : p == target ? OstepLotKind.Mapped : OstepLotKind.Empty)).ToList();
            answered.Add(new OstepStreet(new Words("Physical memory: 128 pages of 32 bytes", "物理内存：128 页，每页 32 字节"), memory, (int)target));
            roads.Add(new OstepRoad(answered.Count - 2, answered[^2].Marked, answered.Count - 1, (int)target));
        }

        return new OstepPicture(asked, answered, roads);
    }

    /// <summary>
    /// A reference of a policy problem: the reference string (the one asked outlined) and memory before it; once
    /// answered, the page that hit or was evicted outlined in memory before, and memory after with the page asked.
    /// </summary>
    public static OstepPicture Policy(OstepPolicyProblem problem, IReadOnlyList<OstepPolicyStep> steps, int t, IReadOnlyList<long> before)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(before);
        var first = Math.Clamp(t - (MaxLots / 4), 0, Math.Max(0, steps.Count - MaxLots));
        var references = new OstepStreet(new Words("References", "访问序列"),
            [.. steps.Skip(first).Take(MaxLots).Select(s => new OstepLot(Number(s.Page), OstepLotKind.Reference))], t - first, first);
        var memoryBefore = Frames(problem, before, new Words("Memory before (left → right)", "访问前的内存（左 → 右）"), -1);
        var step = steps[t];
        var touched = step.Hit ? before.ToList().IndexOf(step.Page) : step.Victim is { } victim ? before.ToList().IndexOf(victim) : -1;
        var after = step.Memory.ToList().IndexOf(step.Page);
        var memoryAfter = Frames(problem, step.Memory, new Words("Memory after", "访问后的内存"), after);
        return new OstepPicture([references, memoryBefore], [references, memoryBefore with { Marked = touched }, memoryAfter],
            after >= 0 ? [new OstepRoad(0, references.Marked, 2, after)] : []);
    }

    // The cache's frames: its pages, then empty frames up to its size.
    private static OstepStreet Frames(OstepPolicyProblem problem, IReadOnlyList<long> pages, Words name, int marked) =>
        new(name, [.. pages.Select(p => new OstepLot(Number(p), OstepLotKind.Resident)),
            .. Enumerable.Repeat(new OstepLot("", OstepLotKind.Empty), Math.Max(0, problem.CacheSize - pages.Count))], marked);

    // A multilevel table page's 32 entries: valid (top bit) or not.
    private static OstepStreet Table(OstepProblem problem, ulong page, int marked, Words name) =>
        new(name, [.. Enumerable.Range(0, 32).Select(i => new OstepLot(Number(i),
            (problem.Memory[(int)(page * MultilevelPageBytes) + i] & 0x80) != 0 ? OstepLotKind.Mapped : OstepLotKind.Empty))], marked);

    private static bool Valid(uint entry) => (entry & 0x8000_0000u) != 0;

    private static uint Pfn(uint entry) => entry & 0x7fff_ffffu;

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
