using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Cli;

/// <summary>One-line descriptions of workload actions for narration (<c>write 0x405010 = 1</c>, <c>fork</c>, …).</summary>
internal static class WorkloadActionText
{
    public static string Describe(WorkloadAction action) => action switch
    {
        MemoryAccessAction { Kind: AccessKind.Write } a => $"write 0x{a.Address:x}" + (a.Value is { } v ? $" = {v}" : ""),
        MemoryAccessAction { Kind: AccessKind.Fetch } a => $"fetch 0x{a.Address:x}",
        MemoryAccessAction a => $"read 0x{a.Address:x}",
        MallocAction m => $"malloc {m.Name} {m.Size}",
        FreeAction f => $"free {f.Name}",
        BrkAction b => $"brk 0x{b.Address:x}",
        SbrkAction s => $"sbrk {s.Delta}",
        MmapAction m => $"mmap {m.Name} {m.Length} {WorkloadPrinter.Print(m.Perms)}" + (m.Shared ? " shared" : "") + (m.File is { } f ? $" file {f}" : ""),
        MunmapAction u => $"munmap 0x{u.Address:x} {u.Length}",
        MprotectAction p => $"mprotect 0x{p.Address:x} {p.Length} {WorkloadPrinter.Print(p.Perms)}",
        MadviseAction a => $"madvise 0x{a.Address:x} {a.Length} {WorkloadPrinter.AdviceWord(a.Advice)}",
        ForkAction => "fork",
        ExecAction e => $"exec {e.Path}",
        ExitAction e => $"exit {e.Status}",
        WaitAction => "wait",
        YieldAction => "yield",
        MapsAction => "maps",
        SmapsAction => "smaps",
        SleepAction s => $"sleep {s.Cycles}",
        ComputeAction c => $"compute {c.ControlSteps}",
        _ => "an unknown action",
    };
}
