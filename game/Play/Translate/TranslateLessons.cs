using System.Globalization;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Play.Translate;

/// <summary>
/// The sentences that explain a wrong step of a hand translation (the teaching moment): each says what the MMU
/// does instead and why, in numbers taken from the walk itself, so the player learns the rule, not only the answer.
/// </summary>
internal sealed class TranslateLessons(MachineDescription machine)
{
    /// <summary>The first and last bit of level <paramref name="level"/>'s index in a virtual address.</summary>
    public (int Low, int High) BitsOf(int level)
    {
        var low = machine.LevelShift(level);
        return (low, low + machine.Levels[level].IndexBits - 1);
    }

    /// <summary>A level as the player sees it: its number and the table's name.</summary>
    public string LevelName(int level) => Invariant($"level {level} ({machine.Levels[level].Name})");

    /// <summary><see cref="LevelName"/> in Chinese.</summary>
    public string LevelNameZh(int level) => Invariant($"第 {level} 级（{machine.Levels[level].Name}）");

    /// <summary>A wrong index at the right level.</summary>
    public Refusal WrongIndex(PendingTranslation t, int level, ulong index)
    {
        var va = t.VirtualAddress;
        var (low, high) = BitsOf(level);
        var bits = machine.Levels[level].IndexBits;
        var right = machine.IndexOf(va, level);
        var rule = Invariant($"each level takes {bits} bits above the {machine.PageShift}-bit offset");
        var ruleZh = Invariant($"每一级取 {machine.PageShift} 位偏移之上的 {bits} 位");
        if (index == (va >> machine.PageShift))
        {
            return new(
                Invariant($"{index} is the whole virtual page number; each table is indexed by its own slice of it: bits {low}–{high} of 0x{va:x} are {right} for the {LevelName(level)} table ({rule})"),
                Invariant($"{index} 是整个虚拟页号；每张页表只用其中属于自己的一段作索引：0x{va:x} 的第 {low}–{high} 位是 {right}，这才是{LevelNameZh(level)}页表的索引（{ruleZh}）"));
        }

        if (index >= 1UL << bits)
        {
            return new(
                Invariant($"index {index} does not fit: a {machine.Levels[level].Name} table has {1UL << bits} entries, indexed by the {bits} bits {low}–{high} of the address ({rule})"),
                Invariant($"索引 {index} 超出范围：{machine.Levels[level].Name} 页表只有 {1UL << bits} 个页表项，由地址的第 {low}–{high} 位（共 {bits} 位）索引（{ruleZh}）"));
        }

        for (var other = 0; other < machine.Levels.Count; other++)
        {
            if (other != level && machine.IndexOf(va, other) == index)
            {
                var (otherLow, otherHigh) = BitsOf(other);
                return new(
                    Invariant($"{index} is bits {otherLow}–{otherHigh} of 0x{va:x}, the {LevelName(other)} index; the {LevelName(level)} table is indexed by bits {low}–{high}, which are {right}: {rule}"),
                    Invariant($"{index} 是 0x{va:x} 的第 {otherLow}–{otherHigh} 位，即{LevelNameZh(other)}的索引；{LevelNameZh(level)}页表由第 {low}–{high} 位索引，它们是 {right}：{ruleZh}"));
            }
        }

        return new(
            Invariant($"bits {low}–{high} of 0x{va:x} are {right} (0b{Binary(right, bits)}), not {index}: the {LevelName(level)} table is indexed by those bits, because {rule}"),
            Invariant($"0x{va:x} 的第 {low}–{high} 位是 {right}（0b{Binary(right, bits)}），不是 {index}：{LevelNameZh(level)}页表正是由这几位索引的，因为{ruleZh}"));
    }

    /// <summary>An entry of another level than the one the walk is at.</summary>
    public Refusal WrongLevel(PendingTranslation t, int level)
    {
        if (level < t.EntriesRead)
        {
            return new(
                Invariant($"the {LevelName(level)} entry is read already (index {t.Steps[level].Index}); the walk goes down one level at a time and is at level {t.EntriesRead} now"),
                Invariant($"{LevelNameZh(level)}的页表项已经读过了（索引 {t.Steps[level].Index}）；页表遍历一次下降一级，现在在第 {t.EntriesRead} 级"));
        }

        return t.EntriesRead == 0
            ? new(
                Invariant($"the walk starts at the root: the {LevelName(0)} table that {machine.RootRegister} points to (frame 0x{t.Steps[0].TableAddress >> machine.PageShift:x}); its entry says where the next table is"),
                Invariant($"页表遍历从根开始：即 {machine.RootRegister} 指向的{LevelNameZh(0)}页表（页框 0x{t.Steps[0].TableAddress >> machine.PageShift:x}）；它的页表项指出下一张页表在哪里"))
            : new(
                Invariant($"the walk reads one table at a time: the {LevelName(t.EntriesRead)} table is the one the level-{t.EntriesRead - 1} entry points to (frame 0x{t.Steps[t.EntriesRead - 1].Frame:x}); read its entry before any lower level"),
                Invariant($"页表遍历一次读一张页表：{LevelNameZh(t.EntriesRead)}页表就是第 {t.EntriesRead - 1} 级页表项指向的那张（页框 0x{t.Steps[t.EntriesRead - 1].Frame:x}）；先读它的页表项，再读更低的级"));
    }

    /// <summary>An entry after the walk has stopped.</summary>
    public Refusal WalkIsOver(PendingTranslation t)
    {
        if (t.Steps.Count == 0)
        {
            return OutOfRangeWhy(t.VirtualAddress);
        }

        var last = t.Steps[^1];
        return last.Valid
            ? new(
                Invariant($"the level-{last.Level} entry is the leaf: it maps the page itself (frame 0x{last.Frame:x}), so the walk is over; answer with the physical address, or with the fault if the leaf forbids this {Verb(t.Access)}"),
                Invariant($"第 {last.Level} 级页表项就是叶子：它直接映射这一页（页框 0x{last.Frame:x}），所以页表遍历已经结束；请回答物理地址，若叶子禁止这次{VerbZh(t.Access)}访问，则回答相应的异常"))
            : new(
                Invariant($"the level-{last.Level} entry is not present (P=0): there is no lower table to read, the walk stops here with a page fault"),
                Invariant($"第 {last.Level} 级页表项不存在（P=0）：没有更低一级的页表可读，页表遍历在这里以缺页告终"));
    }

    /// <summary>An answer before the walk has reached the entry where it stops.</summary>
    public Refusal WalkNotOver(PendingTranslation t, bool answeringFault)
    {
        if (t.EntriesRead == 0)
        {
            return t.TlbAnswer is { } pa && answeringFault
                ? new(
                    Invariant($"the TLB holds page 0x{t.VirtualAddress >> machine.PageShift:x} (it maps to 0x{pa & ~(machine.PageSize - 1):x}) and allows this {Verb(t.Access)}: the access translates without a walk, it does not fault"),
                    Invariant($"TLB 中有页 0x{t.VirtualAddress >> machine.PageShift:x}（映射到 0x{pa & ~(machine.PageSize - 1):x}），并且允许这次{VerbZh(t.Access)}访问：这次访问无需遍历页表就能翻译，不会出异常"))
                : new(
                    Invariant($"the TLB has no entry for page 0x{t.VirtualAddress >> machine.PageShift:x} that allows this {Verb(t.Access)}, so the MMU must walk the tables: start at {machine.RootRegister} with the {LevelName(0)} entry"),
                    Invariant($"TLB 中没有页 0x{t.VirtualAddress >> machine.PageShift:x} 的、允许这次{VerbZh(t.Access)}访问的条目，所以 MMU 必须遍历页表：从 {machine.RootRegister} 开始，先读{LevelNameZh(0)}的页表项"));
        }

        var reached = t.Steps[t.EntriesRead - 1];
        var what = answeringFault ? "a fault is raised only by an entry that is not present or a leaf that forbids the access" : "only the leaf gives the frame";
        var whatZh = answeringFault ? "只有不存在的页表项或禁止这次访问的叶子才会引发异常" : "只有叶子才给出页框";
        return new(
            Invariant($"the walk is not over: the level-{reached.Level} entry is present and points to the {LevelName(t.EntriesRead)} table (frame 0x{reached.Frame:x}); read its entry next ({what})"),
            Invariant($"页表遍历还没结束：第 {reached.Level} 级页表项存在，并指向{LevelNameZh(t.EntriesRead)}页表（页框 0x{reached.Frame:x}）；接下来读它的页表项（{whatZh}）"));
    }

    /// <summary>A physical address for an access that faults.</summary>
    public Refusal FaultsInstead(PendingTranslation t)
    {
        var why = WhyFault(t);
        return new(
            Invariant($"this {Verb(t.Access)} faults, there is no physical address: {why.En}"),
            Invariant($"这次{VerbZh(t.Access)}访问会引发异常，没有物理地址：{why.Zh}"));
    }

    /// <summary>A fault answer for an access that translates.</summary>
    public static Refusal TranslatesInstead(PendingTranslation t) => new(
        Invariant($"the leaf entry is present and allows this {Verb(t.Access)}: the access translates to a physical address, it does not fault"),
        Invariant($"叶子页表项存在，并且允许这次{VerbZh(t.Access)}访问：这次访问翻译为一个物理地址，不会引发异常"));

    /// <summary>A fault of the wrong kind.</summary>
    public Refusal WrongFault(PendingTranslation t, string said)
    {
        var why = WhyFault(t);
        return new(Invariant($"not a {said} fault: {why.En}"), Invariant($"不是 {said} 异常：{why.Zh}"));
    }

    /// <summary>A wrong physical address for an access that translates (by walk, or from the TLB).</summary>
    public Refusal WrongPhysical(PendingTranslation t, ulong said, ulong right)
    {
        var offsetMask = (1UL << t.Outcome.PageShift) - 1;
        if (t.Outcome.PageShift == 0)
        {
            offsetMask = machine.PageSize - 1;
        }

        var offset = t.VirtualAddress & offsetMask;
        var offsetBits = System.Numerics.BitOperations.TrailingZeroCount(offsetMask + 1);
        var pageBase = right & ~offsetMask;
        var byLeaf = t.WalkComplete && t.Steps.Count > 0;
        var source = byLeaf ? Invariant($"the leaf (level {t.Steps[^1].Level}) maps frame 0x{t.Steps[^1].Frame:x}") : "the TLB maps the page";
        var sourceZh = byLeaf ? Invariant($"叶子（第 {t.Steps[^1].Level} 级）映射到页框 0x{t.Steps[^1].Frame:x}") : "TLB 映射了这一页";
        if ((said & ~offsetMask) == pageBase)
        {
            return new(
                Invariant($"the frame is right but the offset is not: the low {offsetBits} bits of the address, 0x{offset:x}, are kept as they are, so the physical address is 0x{pageBase:x} + 0x{offset:x} = 0x{right:x}"),
                Invariant($"页框对了，但偏移不对：地址的低 {offsetBits} 位 0x{offset:x} 原样保留，所以物理地址是 0x{pageBase:x} + 0x{offset:x} = 0x{right:x}"));
        }

        return (said & offsetMask) == offset && said >> offsetBits == t.VirtualAddress >> offsetBits
            ? new(
                Invariant($"that is the virtual address: {source}, so the page starts at 0x{pageBase:x} in physical memory and the address is 0x{pageBase:x} + offset 0x{offset:x} = 0x{right:x}"),
                Invariant($"这是虚拟地址：{sourceZh}，所以这一页在物理内存中从 0x{pageBase:x} 开始，物理地址是 0x{pageBase:x} + 偏移 0x{offset:x} = 0x{right:x}"))
            : new(
                Invariant($"{source}, so the page starts at 0x{pageBase:x}: the physical address is that base plus the offset (the low {offsetBits} bits, 0x{offset:x}) = 0x{right:x}"),
                Invariant($"{sourceZh}，所以这一页从 0x{pageBase:x} 开始：物理地址是这个基址加上偏移（低 {offsetBits} 位，0x{offset:x}）= 0x{right:x}"));
    }

    /// <summary>Why the access faults, at the level where the walk stops.</summary>
    public Refusal WhyFault(PendingTranslation t)
    {
        var outcome = t.Outcome;
        if (t.Steps.Count == 0)
        {
            return OutOfRangeWhy(t.VirtualAddress);
        }

        var last = t.Steps[^1];
        return outcome.Fault switch
        {
            FaultKind.NotPresent => new(
                Invariant($"the level-{last.Level} entry is not present (P=0), so there is no frame to go to: the MMU raises a not-present page fault there"),
                Invariant($"第 {last.Level} 级页表项不存在（P=0），没有页框可去：MMU 在这里引发“不存在”缺页（not-present）")),
            FaultKind.WriteProtect => new(
                "the page is present but not writable (W=0 on the walk): a write raises a protection fault (P=1 in the error code)",
                "该页存在但不可写（遍历中 W=0）：写访问引发保护异常（错误码中 P=1）"),
            FaultKind.UserSupervisor => new(
                "the page is present but a kernel page (U=0 on the walk): a user access raises a protection fault",
                "该页存在，但是内核页（遍历中 U=0）：用户态访问引发保护异常"),
            FaultKind.NoExecute => new(
                "the page is present but no-execute (NX=1): an instruction fetch from it raises a protection fault",
                "该页存在但不可执行（NX=1）：从它取指引发保护异常"),
            FaultKind.ReadProtect => new(
                "the page is present but not readable: a read raises a protection fault",
                "该页存在但不可读：读访问引发保护异常"),
            _ => new(
                Invariant($"the level-{last.Level} entry uses a reserved encoding or points beyond physical memory: a reserved-bit fault"),
                Invariant($"第 {last.Level} 级页表项使用了保留编码，或指向物理内存之外：这是保留位异常（reserved）")),
        };
    }

    private Refusal OutOfRangeWhy(ulong va) => machine.AddressCheck == AddressCheck.SignExtend
        ? new(
            Invariant($"0x{va:x} is not canonical: bits {machine.VaBits}–63 must all repeat bit {machine.VaBits - 1}, so the MMU faults before it reads any table (answer out-of-range)"),
            Invariant($"0x{va:x} 不是规范地址：第 {machine.VaBits}–63 位必须都与第 {machine.VaBits - 1} 位相同，所以 MMU 在读任何页表之前就引发异常（回答 out-of-range）"))
        : new(
            Invariant($"0x{va:x} has bits set above the {machine.VaBits} bits this machine translates, so the MMU faults before it reads any table (answer out-of-range)"),
            Invariant($"0x{va:x} 在本机器翻译的 {machine.VaBits} 位之上还有置位，所以 MMU 在读任何页表之前就引发异常（回答 out-of-range）"));

    /// <summary>The access as a noun.</summary>
    public static string Verb(AccessKind access) => access switch
    {
        AccessKind.Write => "write",
        AccessKind.Execute => "instruction fetch",
        _ => "read",
    };

    /// <summary>The access as a Chinese noun (“这次{0}访问”).</summary>
    public static string VerbZh(AccessKind access) => access switch
    {
        AccessKind.Write => "写",
        AccessKind.Execute => "取指",
        _ => "读",
    };

    /// <summary><paramref name="value"/> in binary, <paramref name="bits"/> digits.</summary>
    public static string Binary(ulong value, int bits) => Convert.ToString((long)value, 2).PadLeft(bits, '0');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
