using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest run PROGRAM.vmw… [--frames N] [--policy P] [--quiet] [--json]</c>: runs workload programs as
/// processes on the simulated kernel (x86-64) and narrates every step — each access with the fault it took,
/// each syscall with its result — then prints the totals.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var programs = new Argument<string[]>("PROGRAM") { Description = "Workload programs (.vmw), one process each; see docs/workload-language.md", Arity = ArgumentArity.OneOrMore };
        var frames = new Option<int?>("--frames") { Description = "The most frames user pages may use (forces reclaim to swap)", HelpName = "N" };
        var policy = new Option<string>("--policy") { Description = "Replacement policy: fifo, lru, clock, random", DefaultValueFactory = _ => "lru" };
        policy.AcceptOnlyFromAmong("fifo", "lru", "clock", "random", "mru");
        var seed = new Option<ulong>("--seed") { Description = "Seed of the simulation's random generator" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the totals" };
        var json = new Option<bool>("--json") { Description = "Print {\"processes\": [{pid, name, status, signal}], \"steps\", \"accesses\", \"faults\", \"minorFaults\", \"majorFaults\", \"cowCopies\", \"evictions\", \"contextSwitches\", \"cycles\"}" };
        var command = new Command("run", "Run workload programs as processes on the simulated kernel, narrating every fault")
        {
            programs, frames, policy, seed, quiet, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run("run", parse.InvocationConfiguration.Error, () =>
            {
                if (parse.GetValue(frames) is < 1)
                {
                    throw new UserInputException("--frames must be at least 1");
                }

                var parsed = parse.GetRequiredValue(programs).Select(WorkloadParser.ParseFile).ToList();
                var machine = BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory(256UL << 20);
                var kernel = new KernelCore(machine, new KernelOptions
                {
                    ReplacementPolicy = parse.GetValue(policy)!,
                    DataFrameLimit = parse.GetValue(frames),
                    Seed = parse.GetValue(seed),
                });
                var runner = new WorkloadRunner(kernel);
                foreach (var program in parsed)
                {
                    runner.Spawn(program);
                }

                var narrate = !parse.GetValue(quiet) && !parse.GetValue(json);
                long steps = 0;
                while (runner.Step() is { } step)
                {
                    steps++;
                    if (narrate)
                    {
                        output.WriteLine(Narration(step));
                    }
                }

                if (parse.GetValue(json))
                {
                    WriteJson(output, runner, kernel, steps);
                }
                else
                {
                    WriteTotals(output, runner, kernel, steps);
                }

                return 0;
            });
        });
        return command;
    }

    private static string Narration(WorkloadStep step)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"[pid {step.Pid}] line {step.Action.Position.Line}: {WorkloadActionText.Describe(step.Action)}");
        if (step.Access is { } access)
        {
            text.Append(access.Completed ? $" -> 0x{access.Value:x}" : " -> " + access.Status.ToString().ToLowerInvariant());
        }

        if (step.Note is { } note)
        {
            text.Append("  (").Append(note).Append(')');
        }

        return text.ToString();
    }

    private static void WriteTotals(TextWriter output, WorkloadRunner runner, KernelCore kernel, long steps)
    {
        var c = kernel.Counters;
        output.WriteLine($"{steps} steps, {c.Accesses} accesses, {c.Faults} faults ({c.MinorFaults} minor, {c.MajorFaults} major, {c.CowCopies} COW copies), " +
            $"{c.Evictions} evictions, {c.ContextSwitches} context switches, {kernel.Machine.Clock.Cycles} cycles ({kernel.PolicyName})");
        foreach (var (pid, exit) in runner.Exited)
        {
            output.WriteLine(exit.Signal != 0 ? $"pid {pid} ({exit.Name}) killed by signal {exit.Signal}" : $"pid {pid} ({exit.Name}) exited with status {exit.Status}");
        }
    }

    private static void WriteJson(TextWriter output, WorkloadRunner runner, KernelCore kernel, long steps)
    {
        var c = kernel.Counters;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("processes");
            foreach (var (pid, exit) in runner.Exited)
            {
                json.WriteStartObject();
                json.WriteNumber("pid", pid);
                json.WriteString("name", exit.Name);
                json.WriteNumber("status", exit.Status);
                json.WriteNumber("signal", exit.Signal);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("steps", steps);
            json.WriteNumber("accesses", c.Accesses);
            json.WriteNumber("faults", c.Faults);
            json.WriteNumber("minorFaults", c.MinorFaults);
            json.WriteNumber("majorFaults", c.MajorFaults);
            json.WriteNumber("cowCopies", c.CowCopies);
            json.WriteNumber("evictions", c.Evictions);
            json.WriteNumber("contextSwitches", c.ContextSwitches);
            json.WriteNumber("cycles", kernel.Machine.Clock.Cycles);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
