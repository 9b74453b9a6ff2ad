using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Cli.WalkWords;

namespace VmQuest.Cli;

/// <summary>The human explanation printed by <c>vmquest translate</c>: the address split, each entry read, the checks, the result.</summary>
internal static class TranslateText
{
    public static void Write(TextWriter output, MachineState state, IReadOnlyList<TranslationReport> reports)
    {
        var machine = state.Description;
        output.WriteLine($"{machine.Name}: {machine.Summary}");
        output.WriteLine($"CR3 = {Hex(state.Mmu.Cr3)}, PCID {state.Mmu.Pcid}, TLB {machine.Tlb.Entries} entries / {machine.Tlb.Ways} ways");
        foreach (var report in reports)
        {
            output.WriteLine();
            WriteOne(output, machine, report);
        }
    }

    private static void WriteOne(TextWriter output, MachineDescription machine, TranslationReport r)
    {
        var t = r.Translation;
        string access = r.Access switch { AccessKind.Write => "write", AccessKind.Execute => "exec", _ => "read" };
        output.WriteLine($"VA {Hex(t.VirtualAddress)} ({access}, {(r.Mode == PrivilegeLevel.User ? "user" : "kernel")}):");
        if (t.Fault is not (FaultKind.NonCanonical or FaultKind.OutOfRange))
        {
            var parts = machine.Levels.Select((l, i) => $"{l.Name} {machine.IndexOf(t.VirtualAddress, i)}");
            output.WriteLine($"  split: {string.Join(" | ", parts)} | offset {Hex(t.VirtualAddress & (machine.PageSize - 1))}");
        }

        if (t.TlbHit)
        {
            output.WriteLine($"  TLB hit: the page at {Hex(t.VirtualAddress & ~((1UL << t.PageShift) - 1))} is cached, no walk needed");
        }

        int digits = machine.Pte.WidthBytes * 2;
        foreach (var step in r.Steps)
        {
            string name = machine.Levels[step.Level].Name;
            string meaning = !step.Valid ? "not valid"
                : step.IsLeaf ? $"valid, maps the {Size(machine.LevelShift(step.Level))} page at frame {Hex(step.Frame)}"
                : $"valid, next table ({machine.Levels[step.Level + 1].Name}) in frame {Hex(step.Frame)}";
            string bits = string.Join(' ', SetBits(machine.Pte, step.Entry, step.Level == machine.Levels.Count - 1));
            output.WriteLine($"  {name}[{step.Index}] at {Hex(step.EntryAddress)} = {Hex(step.Entry, digits)}  {meaning}  [{bits}]");
        }

        if (t.IsOk)
        {
            string check = r.Access switch { AccessKind.Write => "write allowed", AccessKind.Execute => "execute allowed", _ => "read allowed" };
            string user = r.Mode == PrivilegeLevel.User ? "user access allowed, " : "";
            output.WriteLine($"  checks: {user}{check}");
            output.WriteLine($"  => physical address {Hex(t.PhysicalAddress)}, value {Hex(r.Value ?? 0, 2)} ({Cycles(r.Cycles)})");
        }
        else
        {
            string reason = $"{ResultName(t.Fault)}): {Reason(t.Fault, machine, t.Level)}";
            output.WriteLine(t.Fault is FaultKind.NonCanonical or FaultKind.OutOfRange
                ? $"  => fault ({reason} ({Cycles(r.Cycles)})"
                : $"  => page fault ({reason}; error code {Hex((ulong)t.ErrorCode)} ({ErrorCodeWords(t.ErrorCode)}) ({Cycles(r.Cycles)})");
        }
    }

    private static string Cycles(long n) => n == 1 ? "1 cycle" : $"{n} cycles";

    private static string Size(int shift) => shift switch
    {
        >= 30 => $"{1UL << (shift - 30)} GiB",
        >= 20 => $"{1UL << (shift - 20)} MiB",
        >= 10 => $"{1UL << (shift - 10)} KiB",
        _ => $"{1UL << shift}-byte",
    };
}
