using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest bench fork|faults|cow [--resident-mib M] [--pages N] [--no-warm-up] [--json]</c>: times one whole
/// kernel operation on the simulated x86-64 machine, setup excluded, for comparison with a real kernel. Each
/// scenario is a subcommand of the one <c>bench</c> command (<see cref="BenchCommandFactory"/>), beside <c>bench render</c>.
/// </summary>
internal static class BenchCommand
{
    // Up to 2M pages (8 GiB simulated): measured, the largest scenario (cow, two copies) then needs about 280 MB of
    // host memory and a few seconds; 16M pages needed over 2 GB.
    private const long MaxPages = 2L << 20;

    /// <summary>The kernel scenarios, one subcommand each.</summary>
    public static IEnumerable<Command> KernelScenarios()
    {
        yield return Scenario("fork", "Time one fork of a process with --resident-mib of touched anonymous memory", sizeIsMib: true);
        yield return Scenario("faults", "Time demand-zero faults on --pages fresh pages", sizeIsMib: false);
        yield return Scenario("cow", "Time the COW breaks of writing every page in the child after a fork of --resident-mib", sizeIsMib: true);
    }

    private static Command Scenario(string name, string description, bool sizeIsMib)
    {
        var size = sizeIsMib
            ? new Option<long>("--resident-mib") { Description = "MiB of touched anonymous memory", DefaultValueFactory = _ => 1024, HelpName = "M" }
            : new Option<long>("--pages") { Description = "Fresh pages to fault in", DefaultValueFactory = _ => 1_000_000, HelpName = "N" };
        var noWarmUp = new Option<bool>("--no-warm-up") { Description = "Skip the warm-up runs (then the first, unoptimised JIT code is timed too)" };
        var json = new Option<bool>("--json") { Description = "Print {scenario, operations, seconds, opsPerSecond, residentPages, setupSeconds, managedBytes, workingSetBytes}" };
        var command = new Command(name, description) { size, noWarmUp, json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run(parse.InvocationConfiguration.Error, () =>
            {
                var pagesPerUnit = sizeIsMib ? 256 : 1;
                var value = parse.GetValue(size);
                if (value < 1 || value > MaxPages / pagesPerUnit)
                {
                    throw new UserInputException($"{size.Name} must be between 1 and {MaxPages / pagesPerUnit}, not {value}");
                }

                var result = BenchScenario.Run(name, value * pagesPerUnit, !parse.GetValue(noWarmUp));
                if (parse.GetValue(json))
                {
                    WriteJson(output, result);
                }
                else
                {
                    WriteText(output, result);
                }

                return 0;
            });
        });
        return command;
    }

    private static void WriteText(TextWriter output, BenchResult r)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"bench {r.Scenario}: {r.Operations:N0} operations in {r.Seconds * 1e3:F3} ms = {r.OpsPerSecond:N0} per second"));
        output.WriteLine(string.Create(c, $"  {r.ResidentPages:N0} resident pages; setup {r.SetupSeconds:F2} s (not timed); managed heap {r.ManagedBytes / 1048576.0:F1} MiB, working set {r.WorkingSetBytes / 1048576.0:F1} MiB"));
    }

    private static void WriteJson(TextWriter output, BenchResult r)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", r.Scenario);
            json.WriteNumber("operations", r.Operations);
            json.WriteNumber("seconds", r.Seconds);
            json.WriteNumber("opsPerSecond", r.OpsPerSecond);
            json.WriteNumber("residentPages", r.ResidentPages);
            json.WriteNumber("setupSeconds", r.SetupSeconds);
            json.WriteNumber("managedBytes", r.ManagedBytes);
            json.WriteNumber("workingSetBytes", r.WorkingSetBytes);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
