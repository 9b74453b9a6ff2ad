using System.CommandLine;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest translate MACHINE VA… [--access read|write|exec] [--mode user|kernel] [--json]</c>: boots the
/// machine (built-in or YAML file, with its memory image) and translates each address in turn through the TLB,
/// explaining each walk step; later addresses may hit the TLB entries earlier ones filled.
/// </summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var machine = new Argument<string>("MACHINE") { Description = "A built-in machine (x86-64, x86-64-la57, i386, riscv-sv39, ostep-linear, ostep-multilevel) or a machine .yaml file" };
        var addresses = new Argument<string[]>("VA") { Description = "Virtual addresses: hex (0x401000) or decimal", Arity = ArgumentArity.OneOrMore };
        var access = new Option<string>("--access") { Description = "Kind of access to check", DefaultValueFactory = _ => "read" };
        access.AcceptOnlyFromAmong("read", "write", "exec");
        var mode = new Option<string>("--mode") { Description = "Privilege of the access", DefaultValueFactory = _ => "user" };
        mode.AcceptOnlyFromAmong("user", "kernel");
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"machine\", \"addresses\": [{va, tlb, steps: [{level, name, index, entryAddress, entry, valid, …}], result, errorCode, pa, value, cycles}]}; addresses and entries are hex strings",
        };
        var command = new Command("translate", "Translate virtual addresses on a machine, explaining every page-walk step")
        {
            machine, addresses, access, mode, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandGuard.Run(error, () =>
            {
                var description = CliInput.LoadMachine(parse.GetRequiredValue(machine));
                var vas = parse.GetRequiredValue(addresses).Select(CliInput.ParseAddress).ToList();
                var kind = parse.GetValue(access) switch { "write" => AccessKind.Write, "exec" => AccessKind.Execute, _ => AccessKind.Read };
                var privilege = parse.GetValue(mode) == "kernel" ? PrivilegeLevel.Supervisor : PrivilegeLevel.User;
                var state = MachineState.Boot(description);
                var reports = vas.Select(va => Translate(state, va, kind, privilege)).ToList();
                if (parse.GetValue(json))
                {
                    TranslateJson.Write(output, state, reports);
                }
                else
                {
                    TranslateText.Write(output, state, reports);
                }

                return 0;
            });
        });
        return command;
    }

    /// <summary>Translates one address on a booted machine, recording the walk.</summary>
    public static TranslationReport Translate(MachineState state, ulong va, AccessKind access, PrivilegeLevel mode)
    {
        var observer = new ListWalkObserver([]);
        long before = state.Clock.Cycles;
        var t = state.Mmu.Translate(va, access, mode, ref observer);
        byte? value = t.IsOk ? state.Memory.ReadByte(t.PhysicalAddress) : null;
        return new TranslationReport(access, mode, t, observer.Steps, value, state.Clock.Cycles - before);
    }
}
