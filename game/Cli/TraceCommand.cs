using System.CommandLine;
using System.Diagnostics;
using System.Runtime;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest trace FILE [--format lackey|refs] [--user-frames N] [--policy …] [--tlb-entries N] [--seed S] [--engine auto|kernel] [--json]</c>:
/// replays a valgrind lackey trace or a reference string through one process with demand paging on the simulated
/// x86-64 kernel and reports faults, evictions, TLB behaviour, page-table pages, cycles and the replay time.
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A lackey trace (valgrind --tool=lackey --trace-mem=yes PROG) or a reference string (one page number per line)" };
        var format = new Option<string>("--format") { Description = "lackey (default) or refs", DefaultValueFactory = _ => "lackey", HelpName = "lackey|refs" };
        CliChoices.Restrict(format, "lackey", "refs");
        var frames = new Option<int?>("--user-frames") { Description = "Frames available to user pages (page tables are not charged); reclaim to swap beyond. No limit when absent", HelpName = "N" };
        var policy = PolicyOption.Create();
        var tlb = new Option<int?>("--tlb-entries") { Description = "TLB entries (0 disables the TLB); default: the machine's 64", HelpName = "N" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the kernel's generator (the random policy uses it)", DefaultValueFactory = _ => 0 };
        var engine = new Option<string>("--engine")
        {
            Description = "auto (default): the textbook replay for fifo, lru, mru, clock and opt, the kernel for random; "
                + "kernel: every fault through the simulated kernel (the same results, slower: a cross-check)",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|kernel",
        };
        CliChoices.Restrict(engine, "auto", "kernel");
        var json = new Option<bool>("--json")
        {
            Description = "Print {accesses, references, pages, faults, minorFaults, majorFaults, evictions, tlbHits, tlbMisses, pageTablePages, cycles, replaySeconds, nsPerReference, policy, userFrames, format}",
        };
        var command = new Command("trace", "Replay a valgrind lackey trace (streamed: any length) or a reference string through one process with demand paging; a replay over a second shows a progress bar on stderr when it is a terminal (never with --json)")
        {
            file, format, frames, policy, tlb, seed, engine, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run(parse.InvocationConfiguration.Error, () =>
            {
                var path = parse.GetRequiredValue(file);
                var options = new TraceReplayOptions
                {
                    Policy = parse.GetValue(policy)!,
                    Frames = Positive(parse.GetValue(frames), "--user-frames", 1),
                    TlbEntries = Positive(parse.GetValue(tlb), "--tlb-entries", 0),
                    Seed = parse.GetValue(seed),
                    Engine = parse.GetValue(engine) == "kernel" ? TraceEngine.Kernel : TraceEngine.Auto,
                };
                var refs = parse.GetValue(format) == "refs";
                var jsonOutput = parse.GetValue(json);
                var result = Replay(path, refs, options, ReplayProgressBar.Wanted(jsonOutput) ? parse.InvocationConfiguration.Error : null);
                if (jsonOutput)
                {
                    WriteJson(output, result, options, refs);
                }
                else
                {
                    WriteText(output, path, result, options, refs);
                }

                return 0;
            });
        });
        return command;
    }

    private static int? Positive(int? value, string name, int least) =>
        value is { } v && v < least
            ? throw new UserInputException($"{name} must be at least {least}, not {v}")
            : value;

    // progressTo: where the progress bar goes (stderr on a terminal), or null for none.
    private static TraceReplayResult Replay(string path, bool refs, TraceReplayOptions options, TextWriter? progressTo)
    {
        if (Directory.Exists(path))
        {
            throw new UserInputException($"{path}: is a directory; expected a trace file");
        }

        var machine = BuiltinMachines.Load("x86-64");
        // The top of user space on x86-64: 2^47 less the guard page, as KernelCore.TaskSize.
        var userTop = (1UL << (machine.VaBits - 1)) - machine.PageSize;
        // A lackey trace is streamed (scanned once, then read again chunk by chunk as it replays), so its length
        // is bounded by the disk, not by memory; a reference string is a level's, short, and read whole.
        var input = refs
            ? TraceLoader.FromReferenceString(path, machine.PageShift, userTop)
            : TraceLoader.ScanLackey(path, machine.PageShift, userTop);
        WarmUp(options);
        if (progressTo is null)
        {
            return TraceReplay.Run(input, options);
        }

        var clock = Stopwatch.StartNew();
        var bar = new ReplayProgressBar(progressTo, () => clock.Elapsed);
        try
        {
            return TraceReplay.Run(input, options, bar.Report);
        }
        finally
        {
            bar.Finish();
        }
    }

    // Runs the replay's code paths (hit, fault, eviction, swap-in, the no-pressure loop) once on a small synthetic
    // trace first, so replaySeconds does not time their first compilation. The replay loops, the fault path and the
    // LRU list are compiled optimised at once (AggressiveOptimization), so one short pass is enough; waiting until
    // the tiered JIT settled took up to 3 s of a command whose replay takes milliseconds.
    private static void WarmUp(TraceReplayOptions options)
    {
        var basePage = TraceLoader.ReferenceStringBase >> 12;
        const int pages = 48;
        var references = new TraceReference[8192];
        for (var i = 0; i < references.Length; i++)
        {
            // Runs of touches of one page, hits among a working set, and a drift that makes faults and evictions.
            var page = ((i / 4) + (i / 256 * 7)) % pages;
            references[i] = new TraceReference(basePage + (ulong)page, i % 3 == 0 ? AccessKind.Write : AccessKind.Read);
        }

        var input = new TraceInput("warm-up", references, references.Length, [new TraceRegion(basePage, basePage + pages - 1, false)], pages);
        TraceReplay.Run(input, options with { Frames = 16 });
        // Without pressure the textbook replay runs its loop without a policy: another instantiation to compile.
        TraceReplay.Run(input, options with { Frames = null });
    }

    private static void WriteText(TextWriter output, string path, TraceReplayResult r, TraceReplayOptions options, bool refs)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Trace {path} ({(refs ? "reference string" : "lackey")}): {r.Accesses:N0} accesses, {r.References:N0} page references, {r.Pages:N0} distinct pages"));
        output.WriteLine(string.Create(c, $"Policy {options.Policy}, {(options.Frames is { } n ? $"{n:N0} user {(n == 1 ? "frame" : "frames")}" : "no frame limit")} for the trace's pages (page tables are extra)"));
        output.WriteLine(string.Create(c, $"Page faults:     {r.Faults,12:N0}  ({r.MinorFaults:N0} demand-zero, {r.MajorFaults:N0} swap-in)"));
        output.WriteLine(string.Create(c, $"Evictions:       {r.Evictions,12:N0}"));
        output.WriteLine(string.Create(c, $"TLB hits:        {r.TlbHits,12:N0}  (misses {r.TlbMisses:N0}, hit rate {Rate(r.TlbHits, r.TlbHits + r.TlbMisses)})"));
        output.WriteLine(string.Create(c, $"Page-table pages:{r.PageTablePages,12:N0}"));
        output.WriteLine(string.Create(c, $"Cycles:          {r.Cycles,12:N0}"));
        output.WriteLine(string.Create(c, $"Replay:          {r.ReplaySeconds,12:F6} s  ({r.NanosecondsPerReference:F1} ns per reference, parsing excluded)"));
    }

    private static string Rate(long part, long whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static void WriteJson(TextWriter output, TraceReplayResult r, TraceReplayOptions options, bool refs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", refs ? "refs" : "lackey");
            json.WriteString("policy", options.Policy);
            if (options.Frames is { } frames)
            {
                json.WriteNumber("userFrames", frames);
            }
            else
            {
                json.WriteNull("userFrames");
            }

            json.WriteNumber("accesses", r.Accesses);
            json.WriteNumber("references", r.References);
            json.WriteNumber("pages", r.Pages);
            json.WriteNumber("faults", r.Faults);
            json.WriteNumber("minorFaults", r.MinorFaults);
            json.WriteNumber("majorFaults", r.MajorFaults);
            json.WriteNumber("evictions", r.Evictions);
            json.WriteNumber("tlbHits", r.TlbHits);
            json.WriteNumber("tlbMisses", r.TlbMisses);
            json.WriteNumber("pageTablePages", r.PageTablePages);
            json.WriteNumber("cycles", r.Cycles);
            json.WriteNumber("replaySeconds", r.ReplaySeconds);
            json.WriteNumber("nsPerReference", r.NanosecondsPerReference);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
