using System.Globalization;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Play.FaultAction;

/// <summary>
/// The teaching sentences of a fault-action level: for a fault, what the kernel can see (the VMA, the PTE, the
/// frame's sharers) and therefore what it must do. A wrong answer is refused with the sentence for the right one,
/// so every mistake says why.
/// </summary>
public static class FaultExplanations
{
    /// <summary>Why the right action for <paramref name="forecast"/> is right: one sentence, ending with the action to take.</summary>
    public static string Why(FaultForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var at = Hex(forecast.Address);
        var vma = forecast.Area is { } area ? Describe(area) : "";
        return forecast.Outcome switch
        {
            FaultOutcome.DemandZero when !forecast.NeedsFrame =>
                $"the PTE for {at} is empty and its VMA ({vma}) is private and anonymous: this page was never touched and is only read, so the kernel maps the one shared zero page read-only, taking no frame; the first write will fault again (demand-zero)",
            FaultOutcome.DemandZero =>
                $"the PTE for {at} is empty and its VMA ({vma}) is anonymous: this page was never touched, so there is nothing to read — the kernel maps a zeroed frame (demand-zero)",
            FaultOutcome.FileRead =>
                $"the PTE for {at} is empty and its VMA ({vma}) maps a file: the page's bytes are in the file, so the kernel reads them into the page cache and maps that page (file-read, a major fault)",
            FaultOutcome.PageCacheHit when forecast.Source == FaultSource.File =>
                $"the PTE for {at} is empty and its VMA ({vma}) maps a file whose page is already in the page cache: the kernel only fills in the PTE (file-read, found in the cache: a minor fault)",
            FaultOutcome.PageCacheHit =>
                Invariant($"the PTE for {at} is not present but holds swap slot {forecast.SwapSlot}, and the swap cache still has that page: the kernel maps it again without any I/O (swap-in, from the swap cache)"),
            FaultOutcome.SwapIn =>
                Invariant($"the PTE for {at} is not present but holds swap slot {forecast.SwapSlot}: the page was swapped out under memory pressure, so the kernel reads it back from swap (swap-in, a major fault)"),
            FaultOutcome.CowCopy =>
                Invariant($"the PTE for {at} is present but read-only while its VMA ({vma}) is writable and private, and {Sharers(forecast)}: copy-on-write — the kernel copies the page to a new frame for this process (cow-copy)"),
            FaultOutcome.CowReuse =>
                Invariant($"the PTE for {at} is present but read-only while its VMA ({vma}) is writable and private, and this process is the only one left mapping frame {forecast.PresentFrame}: no copy is needed — the kernel makes the PTE writable in place (cow-reuse)"),
            FaultOutcome.SharedWriteNotify =>
                Invariant($"the PTE for {at} is present but read-only while its VMA ({vma}) is writable and shared: the kernel mapped this page-cache page read-only only to see its first write, so it makes the PTE writable and marks the page dirty in place, no copy (cow-reuse)"),
            FaultOutcome.StackGrowth =>
                $"no VMA covers {at}, but it lies just below the stack and within the stack's limit: the kernel grows the stack VMA down over it and maps a zeroed frame (grow-stack)",
            FaultOutcome.SegvNoMapping =>
                $"no VMA covers {at} and it is not just below the stack: nothing may live there (a wild or null pointer), so the kernel sends SIGSEGV (sigsegv why=no-mapping)",
            FaultOutcome.SegvWriteProtected =>
                $"the VMA at {at} ({vma}) does not allow writing: copy-on-write only happens in writable VMAs, so this write is a protection violation and the kernel sends SIGSEGV (sigsegv why=read-only)",
            FaultOutcome.SegvNoExecute =>
                $"the VMA at {at} ({vma}) does not allow execution: fetching an instruction from no-execute memory (NX) is refused, so the kernel sends SIGSEGV (sigsegv why=no-exec)",
            FaultOutcome.SegvNoRead =>
                $"the VMA at {at} ({vma}) does not allow reading (PROT_NONE): the kernel sends SIGSEGV (sigsegv why=no-read)",
            FaultOutcome.SegvKernelAddress =>
                $"{at} lies in the kernel's half of the address space, which user code may never touch: the kernel sends SIGSEGV (sigsegv why=kernel-address)",
            FaultOutcome.SegvGeneralProtection =>
                $"{at} is not canonical (bits 47–63 must all repeat bit 47): the CPU raises a general-protection exception (#GP) before it reads any table, not a page fault, and the kernel sends SIGSEGV with SI_KERNEL and address 0",
            FaultOutcome.SigBusPastEndOfFile =>
                $"the VMA at {at} ({vma}) maps a file, but this page lies wholly past the file's end: there are no bytes to read, so the kernel sends SIGBUS (sigbus)",
            var other => $"the kernel resolves this fault itself ({other.Describe()})",
        };
    }

    /// <summary>The same sentence as <see cref="Why"/> in Simplified Chinese (for the panel; replays and logs keep English).</summary>
    public static string WhyZh(FaultForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var at = Hex(forecast.Address);
        var vma = forecast.Area is { } area ? Describe(area) : "";
        return forecast.Outcome switch
        {
            FaultOutcome.DemandZero when !forecast.NeedsFrame =>
                $"{at} 的 PTE 为空，它的 VMA（{vma}）是私有匿名的：这一页从未被访问过且只是被读取，内核只读地映射唯一的共享零页，不占用页框；第一次写入时会再次缺页（demand-zero，按需填零）",
            FaultOutcome.DemandZero =>
                $"{at} 的 PTE 为空，它的 VMA（{vma}）是匿名的：这一页从未被访问过，没有任何内容可读——内核映射一个清零的页框（demand-zero，按需填零）",
            FaultOutcome.FileRead =>
                $"{at} 的 PTE 为空，它的 VMA（{vma}）映射着文件：这一页的内容在文件里，内核把它读入页缓存再映射（file-read，主缺页）",
            FaultOutcome.PageCacheHit when forecast.Source == FaultSource.File =>
                $"{at} 的 PTE 为空，它的 VMA（{vma}）映射的文件页已在页缓存中：内核只需填好 PTE（file-read，命中缓存：次缺页）",
            FaultOutcome.PageCacheHit =>
                Invariant($"{at} 的 PTE 不存在，但记着交换槽 {forecast.SwapSlot}，且交换缓存里还有这一页：内核不做 I/O 就能重新映射它（swap-in，来自交换缓存）"),
            FaultOutcome.SwapIn =>
                Invariant($"{at} 的 PTE 不存在，但记着交换槽 {forecast.SwapSlot}：这一页在内存紧张时被换出了，内核把它从交换区读回（swap-in，主缺页）"),
            FaultOutcome.CowCopy =>
                Invariant($"{at} 的 PTE 存在但只读，而它的 VMA（{vma}）可写且私有，页框 {forecast.PresentFrame} 还被 {forecast.MapCount} 个 PTE 映射（或属于缓存）：写时复制——内核把这一页复制到新页框给本进程（cow-copy）"),
            FaultOutcome.CowReuse =>
                Invariant($"{at} 的 PTE 存在但只读，而它的 VMA（{vma}）可写且私有，并且只剩本进程映射页框 {forecast.PresentFrame}：无需复制——内核直接把 PTE 改为可写（cow-reuse，写时复用）"),
            FaultOutcome.SharedWriteNotify =>
                Invariant($"{at} 的 PTE 存在但只读，而它的 VMA（{vma}）可写且共享：内核把这个页缓存页只读映射，只是为了察觉它的第一次写——现在直接把 PTE 改为可写并把页标记为脏，无需复制（cow-reuse）"),
            FaultOutcome.StackGrowth =>
                $"没有 VMA 覆盖 {at}，但它紧挨在栈的下方、且在栈的上限之内：内核把栈 VMA 向下扩展覆盖它，再映射一个清零的页框（grow-stack，扩展栈）",
            FaultOutcome.SegvNoMapping =>
                $"没有 VMA 覆盖 {at}，它也不在栈的正下方：那里什么都不该有（野指针或空指针），内核发送 SIGSEGV（sigsegv why=no-mapping）",
            FaultOutcome.SegvWriteProtected =>
                $"{at} 所在的 VMA（{vma}）不允许写：写时复制只发生在可写的 VMA 里，所以这次写是越权访问，内核发送 SIGSEGV（sigsegv why=read-only）",
            FaultOutcome.SegvNoExecute =>
                $"{at} 所在的 VMA（{vma}）不允许执行：从不可执行（NX）的内存取指令会被拒绝，内核发送 SIGSEGV（sigsegv why=no-exec）",
            FaultOutcome.SegvNoRead =>
                $"{at} 所在的 VMA（{vma}）不允许读（PROT_NONE）：内核发送 SIGSEGV（sigsegv why=no-read）",
            FaultOutcome.SegvKernelAddress =>
                $"{at} 位于地址空间的内核一半，用户代码永远不能访问：内核发送 SIGSEGV（sigsegv why=kernel-address）",
            FaultOutcome.SegvGeneralProtection =>
                $"{at} 不是规范地址（第 47–63 位必须都等于第 47 位）：CPU 在读任何页表之前就引发一般保护异常（#GP），这不是缺页；内核发送 SIGSEGV，si_code 为 SI_KERNEL，地址为 0",
            FaultOutcome.SigBusPastEndOfFile =>
                $"{at} 所在的 VMA（{vma}）映射着文件，但这一页完全在文件末尾之后：没有字节可读，内核发送 SIGBUS（sigbus）",
            var other => $"内核自己处理这次缺页（{other.Describe()}）",
        };
    }

    /// <summary>
    /// Why answering <paramref name="kind"/> (with <paramref name="why"/> for SIGSEGV) to <paramref name="forecast"/>
    /// is wrong, in English and in Simplified Chinese, or null when it is the kernel's own answer.
    /// </summary>
    public static (string En, string Zh)? Judge(FaultForecast forecast, string kind, string? why)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (FaultActions.Expected(forecast) is not { } expected)
        {
            return ("the kernel resolves this fault itself: there is nothing to decide", "这个缺页由内核自己处理：没有需要你决定的事");
        }

        if (kind == expected.Kind && why == expected.Why)
        {
            return null;
        }

        if (kind == expected.Kind)
        {
            return ($"SIGSEGV is right, but not because of {why ?? "nothing"}: {Why(forecast)}",
                $"SIGSEGV 是对的，但原因不是 {why ?? "（无）"}：{WhyZh(forecast)}");
        }

        var answer = kind + (why is null ? "" : " why=" + why);
        return ($"not {answer}: {Why(forecast)}", $"不是 {answer}：{WhyZh(forecast)}");
    }

    /// <summary>A VMA as the panel and the explanations name it: its range, <c>rwxp</c> flags, kind and file.</summary>
    public static string Describe(VmArea area)
    {
        var kind = area.Kind switch
        {
            VmaKind.Text => "text",
            VmaKind.ReadOnlyData => "rodata",
            VmaKind.Data => "data",
            VmaKind.Bss => "bss",
            VmaKind.Heap => "heap",
            VmaKind.Stack => "stack",
            VmaKind.FileMapping => "file mapping",
            _ => "anonymous mapping",
        };
        var file = area.Path is { } path ? Invariant($" {Path.GetFileName(path)} @0x{area.FileOffset:x}") : "";
        return Invariant($"{Hex(area.Start)}–{Hex(area.End)} {area.PermissionString} {kind}{file}");
    }

    /// <summary>How an access is named: read, write or exec.</summary>
    public static string AccessName(AccessKind access) => access switch
    {
        AccessKind.Write => "write",
        AccessKind.Execute => "exec",
        _ => "read",
    };

    private static string Sharers(FaultForecast forecast) => forecast.MapCount > 1
        ? Invariant($"{forecast.MapCount} PTEs still map frame {forecast.PresentFrame}")
        : Invariant($"frame {forecast.PresentFrame} is not this process's own page (it belongs to the page cache or the swap cache)");

    private static string Hex(ulong value) => Invariant($"0x{value:x}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
