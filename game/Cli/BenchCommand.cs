using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest bench fork|faults|cow [--resident-mib M] [--pages N] [--json]</c>: times one whole kernel
/// operation on the simulated x86-64 machine, setup excluded, for comparison with a real kernel.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "fork (one fork of a process with touched memory), faults (demand-zero faults on fresh pages), cow (COW breaks in a forked child)" };
        scenario.HelpName = "fork|faults|cow";
        CliChoices.Restrict(scenario, "fork", "faults", "cow");
        var resident = new Option<long>("--resident-mib") { Description = "fork and cow: MiB of touched anonymous memory", DefaultValueFactory = _ => 1024, HelpName = "M" };
        var pages = new Option<long>("--pages") { Description = "faults: fresh pages to fault in", DefaultValueFactory = _ => 1_000_000, HelpName = "N" };
        var noWarmUp = new Option<bool>("--no-warm-up") { Description = "Skip the warm-up runs (then the first, unoptimised JIT code is timed too)" };
        var json = new Option<bool>("--json") { Description = "Print {scenario, operations, seconds, opsPerSecond, residentPages, setupSeconds, managedBytes, workingSetBytes}" };
        var command = new Command("bench", "Time a whole kernel operation (fork, demand-zero faults, COW breaks), setup excluded")
        {
            scenario, resident, pages, noWarmUp, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run("bench", parse.InvocationConfiguration.Error, () =>
            {
                var name = parse.GetRequiredValue(scenario);
                var residentPages = Pages(parse.GetValue(resident), "--resident-mib", 256);
                var result = BenchScenario.Run(name, name == "faults" ? Pages(parse.GetValue(pages), "--pages", 1) : residentPages, !parse.GetValue(noWarmUp));
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

    // Up to 16M pages (64 GiB simulated) keeps the frame arrays within what a desktop can hold.
    private static long Pages(long value, string option, long pagesPerUnit)
    {
        const long MaxPages = 16L << 20;
        if (value < 1 || value > MaxPages / pagesPerUnit)
        {
            throw new UserInputException($"{option} must be between 1 and {MaxPages / pagesPerUnit}, not {value}");
        }

        return value * pagesPerUnit;
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
