using System.Globalization;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Ostep;

/// <summary>
/// A <c>paging-linear-translate.py</c> or <c>paging-multilevel-translate.py</c> problem as questions: one per virtual
/// address, "which physical address (and value), or a fault?". Four choices: the right one and three near misses
/// (the other outcomes, the wrong frame, the address left untranslated), in an order fixed by the question's index.
/// </summary>
public static class OstepTranslateQuiz
{
    private const int ShownEntries = 16;

    /// <summary>Builds the quiz of <paramref name="problem"/>, answered by <see cref="OstepSolver"/>.</summary>
    public static OstepQuiz Build(OstepProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var answers = OstepSolver.Solve(problem);
        var linear = problem.Kind == OstepProblemKind.Linear;
        var questions = answers.Select((a, i) => linear ? Linear(problem, a, i, answers.Count) : Multilevel(problem, a, i, answers.Count)).ToList();
        var script = linear ? "paging-linear-translate.py" : "paging-multilevel-translate.py";
        var title = new Words($"OSTEP {script}: {answers.Count} addresses", $"OSTEP {script}：{answers.Count} 个地址");
        var briefing = linear
            ? new Words($"A linear page table: address space {problem.AddressSpaceSize} bytes, pages of {problem.PageSize} bytes, physical memory {problem.PhysicalMemorySize} bytes. "
                + "An entry's top bit is the valid bit; the rest is the PFN. For each virtual address, choose the physical address it translates to, or that it is invalid (a segfault).",
                $"线性页表：地址空间 {problem.AddressSpaceSize} 字节，页大小 {problem.PageSize} 字节，物理内存 {problem.PhysicalMemorySize} 字节。"
                + "页表项的最高位是有效位，其余是 PFN。对每个虚拟地址，选择它转换成的物理地址，或判断它无效（段错误）。")
            : new Words($"A two-level page table in a 4 KiB memory of 32-byte pages; the page directory is page {problem.Pdbr} (the PDBR). A 15-bit address is 5 bits of PDE index, "
                + "5 of PTE index and 5 of offset; an entry's top bit is valid, the low 7 the PFN. For each address choose the physical address and the byte there, or which entry faults.",
                $"一个两级页表，位于 4 KiB 内存中，每页 32 字节；页目录在第 {problem.Pdbr} 页（PDBR）。15 位地址依次是 5 位 PDE 下标、"
                + "5 位 PTE 下标和 5 位偏移；页表项最高位是有效位，低 7 位是 PFN。对每个地址，选择物理地址和那里的字节，或判断哪一级出错。");
        var hint = linear
            ? new Words("VPN = VA / page size, offset = VA mod page size; PA = PFN × page size + offset.", "VPN = VA / 页大小，偏移 = VA mod 页大小；PA = PFN × 页大小 + 偏移。")
            : new Words("Split the address into 5-bit pieces: PDE index, PTE index, offset. Read the PDE in the PDBR's page, then the PTE in the page it names.",
                "把地址拆成 5 位一段：PDE 下标、PTE 下标、偏移。先在 PDBR 所指的页中读 PDE，再在它指向的页中读 PTE。");
        return new OstepQuiz(linear ? "linear" : "multilevel", title, briefing, hint, questions);
    }

    private static OstepQuestionCard Linear(OstepProblem problem, OstepAnswer answer, int index, int count)
    {
        var c = CultureInfo.InvariantCulture;
        ulong va = answer.Question.VirtualAddress;
        ulong page = problem.PageSize;
        ulong vpn = va / page, offset = va % page;
        var options = new List<OstepChoice>();
        var invalid = new OstepChoice("invalid", new Words("Invalid: a segfault", "无效：段错误"));
        if (answer.PhysicalAddress is { } pa)
        {
            options.Add(Pa(pa));
            options.Add(invalid);
        }
        else
        {
            options.Add(invalid);
        }

        // Near misses: the address untranslated, the neighbouring frames, the offset dropped.
        ulong frame = answer.PhysicalAddress is { } p ? p / page : vpn;
        foreach (var wrong in new[] { va, ((frame + 1) * page) + offset, frame * page, frame > 0 ? ((frame - 1) * page) + offset : ((frame + 2) * page) + offset })
        {
            if (options.Count < 4 && options.All(o => o.Id != PaId(wrong)))
            {
                options.Add(Pa(wrong));
            }
        }

        var context = new List<Words>
        {
            new($"Address space {problem.AddressSpaceSize} B, page {page} B ({problem.PageTable.Count} entries), physical memory {problem.PhysicalMemorySize} B",
                $"地址空间 {problem.AddressSpaceSize} B，页 {page} B（{problem.PageTable.Count} 项），物理内存 {problem.PhysicalMemorySize} B"),
        };
        // The block of 16 entries holding the VPN (the first block for an address outside the space).
        int first = vpn < (ulong)problem.PageTable.Count ? (int)(vpn / ShownEntries) * ShownEntries : 0;
        for (int v = first; v < Math.Min(problem.PageTable.Count, first + ShownEntries); v++)
        {
            var line = string.Create(c, $"  [{v,5}]  0x{problem.PageTable[v]:x8}");
            context.Add(new Words(line, line));
        }

        Words why;
        if (answer.PhysicalAddress is { } to)
        {
            var entry = problem.PageTable[(int)vpn];
            why = new Words(string.Create(c, $"VA 0x{va:x} = VPN {vpn}, offset 0x{offset:x} (page {page} B). Entry {vpn} is 0x{entry:x8}: valid, PFN {to / page}. PA = {to / page} × {page} + 0x{offset:x} = 0x{to:x} (decimal {to})."),
                string.Create(c, $"VA 0x{va:x} = VPN {vpn}，偏移 0x{offset:x}（页 {page} B）。第 {vpn} 项是 0x{entry:x8}：有效，PFN {to / page}。PA = {to / page} × {page} + 0x{offset:x} = 0x{to:x}（十进制 {to}）。"));
        }
        else if (va >= problem.AddressSpaceSize)
        {
            why = new Words(string.Create(c, $"VA 0x{va:x} is outside the {problem.AddressSpaceSize}-byte address space: invalid."),
                string.Create(c, $"VA 0x{va:x} 超出 {problem.AddressSpaceSize} 字节的地址空间：无效。"));
        }
        else
        {
            var entry = problem.PageTable[(int)vpn];
            why = new Words(string.Create(c, $"VA 0x{va:x} = VPN {vpn}, offset 0x{offset:x}. Entry {vpn} is 0x{entry:x8}: its valid (top) bit is 0, so the access is invalid: a segfault."),
                string.Create(c, $"VA 0x{va:x} = VPN {vpn}，偏移 0x{offset:x}。第 {vpn} 项是 0x{entry:x8}：有效位（最高位）为 0，访问无效：段错误。"));
        }

        var prompt = new Words(string.Create(c, $"Address {index + 1} of {count}: VA 0x{va:x8} (decimal {va}). Which physical address, or invalid?"),
            string.Create(c, $"第 {index + 1}/{count} 个地址：VA 0x{va:x8}（十进制 {va}）。转换成哪个物理地址，还是无效？"));
        return Arrange(prompt, context, options, why, index, OstepPictures.Linear(problem, answer));
    }

    private static OstepQuestionCard Multilevel(OstepProblem problem, OstepAnswer answer, int index, int count)
    {
        var c = CultureInfo.InvariantCulture;
        ulong va = answer.Question.VirtualAddress;
        var pde = new OstepChoice("pde_fault", new Words("Fault: the page directory entry is not valid", "出错：页目录项无效"));
        var pte = new OstepChoice("pte_fault", new Words("Fault: the page table entry is not valid", "出错：页表项无效"));
        var options = new List<OstepChoice>();
        var correct = answer.Result switch
        {
            "ok" => Value(answer.PhysicalAddress!.Value, answer.Value ?? 0),
            "pde_fault" => pde,
            "pte_fault" => pte,
            _ => new OstepChoice("invalid", new Words("Fault: outside the address space", "出错：超出地址空间")),
        };
        options.Add(correct);
        foreach (var o in new[] { pde, pte })
        {
            if (options.All(x => x.Id != o.Id))
            {
                options.Add(o);
            }
        }

        // A near miss: the offset applied to the page-table frame or the untranslated page, with the byte found there.
        ulong offset = va & 0x1f;
        var frames = answer.Steps.Select(s => s.Frame).Append(va >> 5 & 0x7f).Append((answer.PhysicalAddress ?? 0) >> 5 ^ 1);
        foreach (var frame in frames)
        {
            ulong wrong = (frame & 0x7f) << 5 | offset;
            if (wrong >= (ulong)problem.Memory.Count)
            {
                continue;
            }

            var choice = Value(wrong, problem.Memory[(int)wrong]);
            if (options.Count < 4 && options.All(x => x.Id != choice.Id))
            {
                options.Add(choice);
            }
        }

        var context = new List<Words>
        {
            new(string.Create(c, $"PDBR: page {problem.Pdbr}. VA 0x{va:x4} = PDE index {va >> 10 & 0x1f}, PTE index {va >> 5 & 0x1f}, offset {offset}"),
                string.Create(c, $"PDBR：第 {problem.Pdbr} 页。VA 0x{va:x4} = PDE 下标 {va >> 10 & 0x1f}，PTE 下标 {va >> 5 & 0x1f}，偏移 {offset}")),
        };
        var pages = new List<ulong> { problem.Pdbr };
        pages.AddRange(answer.Steps.Where(s => s.Valid).Select(s => s.Frame).Where(f => f < 128));
        foreach (var p in pages.Distinct())
        {
            var bytes = string.Concat(Enumerable.Range(0, 32).Select(i => problem.Memory[(int)(p * 32) + i].ToString("x2", c)));
            var line = string.Create(c, $"page {p,3}: {bytes}");
            context.Add(new Words(line, line));
        }

        var walk = string.Join(" ", answer.Steps.Select(s => string.Create(c,
            $"{(s.Level == 0 ? "PDE" : "PTE")}[{s.Index}] of page {s.TableAddress >> 5} = 0x{s.Entry:x2} (valid {(s.Valid ? 1 : 0)}, PFN {s.Frame});")));
        var walkZh = string.Join(" ", answer.Steps.Select(s => string.Create(c,
            $"第 {s.TableAddress >> 5} 页的 {(s.Level == 0 ? "PDE" : "PTE")}[{s.Index}] = 0x{s.Entry:x2}（有效 {(s.Valid ? 1 : 0)}，PFN {s.Frame}）；")));
        var end = answer.Result switch
        {
            "ok" => new Words(string.Create(c, $" PA = {answer.PhysicalAddress >> 5} × 32 + {offset} = 0x{answer.PhysicalAddress:x3}, holding 0x{answer.Value:x2}."),
                string.Create(c, $" PA = {answer.PhysicalAddress >> 5} × 32 + {offset} = 0x{answer.PhysicalAddress:x3}，其中的值是 0x{answer.Value:x2}。")),
            "pde_fault" => new Words(" The PDE's valid bit is 0: a fault at the page directory.", " PDE 的有效位为 0：在页目录处出错。"),
            "pte_fault" => new Words(" The PTE's valid bit is 0: a fault at the page table.", " PTE 的有效位为 0：在页表处出错。"),
            _ => new Words(" The address has more than 15 bits: outside the address space.", " 地址超过 15 位：超出地址空间。"),
        };
        var prompt = new Words(string.Create(c, $"Address {index + 1} of {count}: VA 0x{va:x4}. Which physical address and value, or a fault?"),
            string.Create(c, $"第 {index + 1}/{count} 个地址：VA 0x{va:x4}。转换成哪个物理地址、取到什么值，还是出错？"));
        return Arrange(prompt, context, options, new Words(walk + end.En, walkZh + end.Zh), index, OstepPictures.Multilevel(problem, answer));
    }

    private static string PaId(ulong pa) => "pa:0x" + pa.ToString("x", CultureInfo.InvariantCulture);

    private static OstepChoice Pa(ulong pa) =>
        new(PaId(pa), new Words(string.Create(CultureInfo.InvariantCulture, $"PA 0x{pa:x8} (decimal {pa})"), string.Create(CultureInfo.InvariantCulture, $"PA 0x{pa:x8}（十进制 {pa}）")));

    private static OstepChoice Value(ulong pa, byte value) =>
        new(PaId(pa) + ":" + value.ToString("x2", CultureInfo.InvariantCulture),
            new Words(string.Create(CultureInfo.InvariantCulture, $"PA 0x{pa:x3}, value 0x{value:x2}"), string.Create(CultureInfo.InvariantCulture, $"PA 0x{pa:x3}，值 0x{value:x2}")));

    // The right answer (first in `options`) moves to a place fixed by the question's index, so it is not always first.
    private static OstepQuestionCard Arrange(Words prompt, List<Words> context, List<OstepChoice> options, Words why, int index, OstepPicture picture)
    {
        var right = options[0];
        options.RemoveAt(0);
        int at = ((index * 3) + 1) % (options.Count + 1);
        options.Insert(at, right);
        return new OstepQuestionCard(prompt, context, options, at, why, picture);
    }
}
