using System.CommandLine;
using System.Text;
using System.Text.Json;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Machine.Ostep;
using static VmQuest.Cli.WalkWords;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest ostep FILE [--json]</c>: reads a problem printed by OSTEP's paging-linear-translate.py or
/// paging-multilevel-translate.py (without -c) and answers every question with the game's page walker; or one
/// printed by paging-policy.py, answered per access (hit or miss, victim, memory) for FIFO, LRU, OPT, UNOPT, MRU, and RAND and CLOCK
/// from the problem's seed (<c>--seed</c> overrides it).
/// </summary>
internal static class OstepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Output of paging-linear-translate.py, paging-multilevel-translate.py or paging-policy.py, saved without -c" };
        var json = new Option<bool>("--json")
        {
            Description = "Print {\"kind\": \"linear\"|\"multilevel\", \"answers\": [{\"va\", \"result\": \"ok\"|\"invalid\"|\"pde_fault\"|\"pte_fault\", \"pa\", \"value\", \"beyondPhysicalMemory\"}]}; va and pa are hex strings, value (multilevel) a number. For paging-policy.py: {\"kind\": \"policy\", \"steps\": [{\"page\", \"hit\", \"victim\", \"memory\"}], \"hits\", \"misses\"}",
        };
        var seed = new Option<long?>("--seed", "-s")
        {
            Description = "paging-policy.py: the seed the problem was made with (-s), when the file has no 'ARG seed' line or you want another; RAND and CLOCK victims depend on it",
        };
        var command = new Command("ostep", "Answer an OSTEP paging homework problem (linear or multi-level page table, or page replacement)") { file, json, seed };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run(parse.InvocationConfiguration.Error, () =>
            {
                string path = parse.GetRequiredValue(file);
                var text = CliInput.ReadFile(path, InputLimits.OstepFileBytes, "an OSTEP homework problem");
                if (OstepPolicyProblemReader.IsPolicyProblem(text))
                {
                    OstepPolicyOutput.Answer(output, OstepPolicyProblemReader.Read(text, path, parse.GetValue(seed)), parse.GetValue(json));
                    return 0;
                }

                var problem = OstepProblemReader.Read(text, path);
                var answers = OstepSolver.Solve(problem);
                if (parse.GetValue(json))
                {
                    WriteJson(output, problem, answers);
                }
                else
                {
                    WriteText(output, problem, answers);
                }

                return 0;
            });
        });
        return command;
    }

    private static void WriteText(TextWriter output, OstepProblem problem, IReadOnlyList<OstepAnswer> answers)
    {
        if (problem.Kind == OstepProblemKind.Linear)
        {
            output.WriteLine($"Linear page table: address space {problem.AddressSpaceSize} bytes, page {problem.PageSize} bytes, physical memory {problem.PhysicalMemorySize} bytes, {problem.PageTable.Count} entries");
            foreach (var a in answers)
            {
                ulong va = a.Question.VirtualAddress;
                ulong vpn = va / problem.PageSize;
                string beyond = a.BeyondPhysicalMemory ? $" (frame beyond the {problem.PhysicalMemorySize}-byte physical memory)" : "";
                string answer = a.Result == "ok"
                    ? $"PA {Hex(a.PhysicalAddress!.Value, 8)} (decimal {a.PhysicalAddress}) [VPN {vpn} -> PFN {a.PhysicalAddress / problem.PageSize}]{beyond}"
                    : va >= problem.AddressSpaceSize ? "invalid (outside the address space)"
                    : $"invalid (VPN {vpn} is not valid)";
                output.WriteLine($"  VA {Hex(va, 8)} (decimal {va,8}) --> {answer}");
            }

            return;
        }

        output.WriteLine($"Multi-level page table: PDBR {problem.Pdbr} (page directory at {Hex(problem.Pdbr * problem.PageSize)})");
        foreach (var a in answers)
        {
            output.WriteLine($"Virtual Address {Hex(a.Question.VirtualAddress, 4)}:");
            string indent = "  ";
            foreach (var s in a.Steps)
            {
                string what = s.Level == 0 ? "pde" : "pte";
                output.WriteLine($"{indent}--> {what} index:{Hex(s.Index)} [decimal {s.Index}] {what} contents:{Hex(s.Entry)} (valid {(s.Valid ? 1 : 0)}, pfn {Hex(s.Frame)} [decimal {s.Frame}])");
                indent += "  ";
            }

            output.WriteLine(a.Result switch
            {
                "ok" => $"{indent}--> Translates to Physical Address {Hex(a.PhysicalAddress!.Value)} --> Value: {Hex(a.Value!.Value, 2)}",
                "pde_fault" => $"{indent}--> Fault (page directory entry not valid)",
                "pte_fault" => $"{indent}--> Fault (page table entry not valid)",
                _ => $"{indent}--> Fault (outside the {OstepProblemReader.MultilevelVaBits}-bit address space)",
            });
        }
    }

    private static void WriteJson(TextWriter output, OstepProblem problem, IReadOnlyList<OstepAnswer> answers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", problem.Kind == OstepProblemKind.Linear ? "linear" : "multilevel");
            json.WriteStartArray("answers");
            foreach (var a in answers)
            {
                json.WriteStartObject();
                json.WriteString("va", Hex(a.Question.VirtualAddress));
                json.WriteString("result", a.Result);
                if (a.PhysicalAddress is { } pa)
                {
                    json.WriteString("pa", Hex(pa));
                }

                if (a.BeyondPhysicalMemory)
                {
                    json.WriteBoolean("beyondPhysicalMemory", true);
                }

                if (a.Value is { } value)
                {
                    json.WriteNumber("value", value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
