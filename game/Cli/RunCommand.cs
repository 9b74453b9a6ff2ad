using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest run PROGRAM.vmw… [--user-frames N] [--policy P] [--max-steps N] [--quiet] [--json]</c>: runs
/// workload programs as processes on the simulated kernel (x86-64) and narrates every step — each access with the
/// fault it took, each syscall with its result — then prints the totals. A run ends when every process has ended,
/// or with exit status 1 at the step limit.
/// </summary>
internal static class RunCommand
{
    /// <summary>The default of <c>--max-steps</c>: under a second of narrated simulation, however the programs loop.</summary>
    public const long DefaultMaxSteps = 250_000;

    public static Command Create()
    {
        var programs = new Argument<string[]>("PROGRAM") { Description = "Workload programs (.vmw), one process each; see docs/workload-language.md", Arity = ArgumentArity.OneOrMore };
        var userFrames = new Option<int?>("--user-frames") { Description = "Frames available to user pages (page tables are not charged); reclaim to swap beyond. No limit when absent", HelpName = "N" };
        var policy = PolicyOption.Create();
        var maxSteps = new Option<long>("--max-steps") { Description = $"Stop (exit status 1) after this many steps, a guard against programs that never end", DefaultValueFactory = _ => DefaultMaxSteps, HelpName = "N" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the simulation's random generator" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the totals" };
        var json = new Option<bool>("--json") { Description = "Print {\"processes\": [{pid, name, status, signal, minorFaults, majorFaults}], \"steps\", \"accesses\", \"faults\", \"minorFaults\", \"majorFaults\", \"cowCopies\", \"failedFaults\", \"faultsByKind\": {demandZero, fileRead, cowCopy, …}, \"evictions\", \"oomKills\", \"forkFailures\", \"contextSwitches\", \"cycles\", \"policy\", under --policy linux \"watermarks\": {managedPages, minFreeKbytes, min, low, high, active} and \"vmstat\": {nr_vmscan_write, pswpout, allocstall_normal, pgactivate, pgdeactivate, pgrefill, pgsteal_kswapd, pgsteal_direct, pgscan_kswapd, pgscan_direct, …} as /proc/vmstat names them, and \"maps\": [{pid, line, text}] when a program runs the maps statement}. minorFaults and majorFaults count as getrusage's ru_minflt and ru_majflt do: a copy-on-write copy is minor, a failed fault is neither" };
        var command = new Command("run", "Run workload programs as processes on the simulated kernel (x86-64, 64 MiB of memory, 64 MiB of swap), narrating every fault. "
            + $"Limits: {KernelOptions.DefaultMaxProcesses} processes (fork then fails with EAGAIN), --max-steps steps. "
            + "With --policy opt the programs run up to 4 times: the first pass records the pages referenced, each further pass evicts by the previous pass's references "
            + "until one follows its recording (if none does, the output says from which reference OPT is no longer exact)")
        {
            programs, userFrames, policy, maxSteps, seed, quiet, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run(parse.InvocationConfiguration.Error, () =>
            {
                if (parse.GetValue(userFrames) is < 1)
                {
                    throw new UserInputException($"--user-frames must be at least 1, not {parse.GetValue(userFrames)}");
                }

                if (parse.GetValue(maxSteps) is < 1)
                {
                    throw new UserInputException($"--max-steps must be at least 1, not {parse.GetValue(maxSteps)}");
                }

                var parsed = parse.GetRequiredValue(programs).Select(WorkloadParser.ParseFile).ToList();
                var settings = new RunSettings(parse.GetValue(policy)!, parse.GetValue(userFrames), parse.GetValue(seed), parse.GetValue(maxSteps));
                RecordedFuture? future = null;
                var passes = 1;
                if (settings.Policy == "opt")
                {
                    // First pass: the same run under LRU, recording every page referenced — OPT's future. Then OPT
                    // passes, each following the previous pass's references, until one follows its recording.
                    var recorder = new ReferenceRecorder(Machine().PageShift);
                    var first = RunOnce(parsed, settings with { Policy = "lru" }, recorder, null, null);
                    if (first.Steps >= settings.MaxSteps && !first.Runner.IsIdle)
                    {
                        throw StepLimit(settings.MaxSteps);
                    }

                    // Each pass gets a fresh oracle: one follows a recording once, from its first reference.
                    for (passes = 2; ; passes++)
                    {
                        future = new RecordedFuture(recorder);
                        if (passes == MaxOptPasses)
                        {
                            break;
                        }

                        RunOnce(parsed, settings, future, future, null);
                        if (future.DivergedAt is null)
                        {
                            future = new RecordedFuture(recorder);
                            break;
                        }

                        recorder = future.Actual;
                    }
                }

                var narrate = !parse.GetValue(quiet) && !parse.GetValue(json) ? output : null;
                var run = RunOnce(parsed, settings, future, future, narrate);
                if (parse.GetValue(json))
                {
                    WriteJson(output, run);
                }
                else
                {
                    WriteTotals(output, run);
                    if (future?.DivergedAt is { } diverged)
                    {
                        output.WriteLine($"opt: this run referenced other pages than the recording it followed (pass {passes} of {MaxOptPasses}) from reference {diverged} on (the schedule follows the cycles the faults cost); OPT is exact up to there");
                    }
                }

                return run.Steps >= settings.MaxSteps && !run.Runner.IsIdle ? throw StepLimit(settings.MaxSteps) : 0;
            });
        });
        return command;
    }

    // OPT's passes: the recording pass, then at most this many minus one following passes (each costs a full run).
    private const int MaxOptPasses = 4;

    private sealed record RunSettings(string Policy, int? UserFrames, ulong Seed, long MaxSteps);

    // Maps: the steps of the `maps` statements, in order.
    private sealed record RunResult(WorkloadRunner Runner, KernelCore Kernel, long Steps, IReadOnlyList<string> Unstarted, IReadOnlyList<WorkloadStep> Maps);

    // 64 MiB of memory and as much swap: room for every sample, and a ceiling on what a program that touches
    // page after page can make the host hold (about 150 MB) before the OOM killer answers.
    private static MachineDescription Machine() => BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory(MemoryBytes);

    private const ulong MemoryBytes = 64UL << 20;

    private const int SwapSlots = 16384;

    private static UserInputException StepLimit(long steps) =>
        new($"the run stopped after {steps:N0} steps, its limit (the programs had not ended; raise it with --max-steps N)");

    private static RunResult RunOnce(List<WorkloadProgram> programs, RunSettings settings, IAccessObserver? observer, INextUseOracle? future, TextWriter? narrate)
    {
        var kernel = new KernelCore(Machine(), new KernelOptions
        {
            ReplacementPolicy = settings.Policy,
            DataFrameLimit = settings.UserFrames,
            Seed = settings.Seed,
            SwapSlots = SwapSlots,
            PublishEvents = false,
            AccessObserver = observer,
            Future = future,
        });
        (future as RecordedFuture)?.Bind(kernel.Frames);
        var runner = new WorkloadRunner(kernel);
        var unstarted = new List<string>();
        foreach (var program in programs)
        {
            if (runner.Spawn(program) < 0)
            {
                unstarted.Add(program.File);
            }
        }

        long steps = 0;
        var maps = new List<WorkloadStep>();
        while (steps < settings.MaxSteps && runner.Step() is { } step)
        {
            // kswapd's turn after each step (the sandbox gives it one per tick): only the linux policy wakes it.
            kernel.RunKswapd();
            steps++;
            narrate?.WriteLine(Narration(step));
            if (step.Maps is { } shown)
            {
                narrate?.Write(shown);
                maps.Add(step);
            }
        }

        return new RunResult(runner, kernel, steps, unstarted, maps);
    }

    private static string Narration(WorkloadStep step)
    {
        var where = step.Action.Position.Line == 0 ? "end of program" : $"line {step.Action.Position.Line}";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"[pid {step.Pid}] {where}: {WorkloadActionText.Describe(step.Action)}");
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

    private static void WriteTotals(TextWriter output, RunResult run)
    {
        var (runner, kernel, steps) = (run.Runner, run.Kernel, run.Steps);
        var c = kernel.Counters;
        output.WriteLine($"{Count(steps, "step")}, {Count(c.Accesses, "access", "accesses")}, {Count(c.Faults, "fault")} ({c.MinorFaults} minor, {c.MajorFaults} major, {Count(c.CowCopies, "COW copy", "COW copies")}), " +
            $"{Count(c.Evictions, "eviction")}, {Count(c.ContextSwitches, "context switch", "context switches")}, {Count(kernel.Machine.Clock.Cycles, "cycle")} ({kernel.PolicyName})");

        // Minor and major as getrusage counts them (a COW copy is minor; a failed fault is neither), the kinds beside.
        output.WriteLine("faults " + FaultKindText.ByKind(c));
        VmStatOutput.WriteText(output, kernel);
        if (c.OomKills > 0 || c.ForkFailures > 0)
        {
            output.WriteLine($"{Count(c.OomKills, "process", "processes")} killed by the OOM killer, {Count(c.ForkFailures, "fork")} refused (EAGAIN at {KernelOptions.DefaultMaxProcesses} processes, or ENOMEM)");
        }

        foreach (var file in run.Unstarted)
        {
            output.WriteLine($"{file}: not started (the kernel could not create another process)");
        }

        foreach (var (pid, exit) in runner.Exited)
        {
            var (minor, major) = runner.FaultsOf(pid);
            output.WriteLine((exit.Signal != 0 ? $"pid {pid} ({exit.Name}) killed by {SignalName(exit.Signal)}{SignalInfo(exit.Signal, exit.SignalCode, exit.SignalAddress)}" : $"pid {pid} ({exit.Name}) exited with status {exit.Status}")
                + string.Create(CultureInfo.InvariantCulture, $"; minflt {minor}, majflt {major}"));
        }

        foreach (var pid in runner.RunningPids)
        {
            var (minor, major) = runner.FaultsOf(pid);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pid {pid} ({kernel.Info(pid).Name}) still running; minflt {minor}, majflt {major}"));
        }
    }

    private static string Count(long n, string one, string? many = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many ?? one + "s")}");

    private static string SignalName(int signal) => signal switch
    {
        KernelCore.SigSegv => "signal 11 (SIGSEGV)",
        KernelCore.SigBus => "signal 7 (SIGBUS)",
        KernelCore.SigKill => "signal 9 (SIGKILL)",
        KernelCore.SigAbrt => "signal 6 (SIGABRT)",
        _ => $"signal {signal}",
    };

    // As a SIGSEGV/SIGBUS handler's siginfo_t shows it (psiginfo's names): ", si_code SEGV_ACCERR, si_addr 0x402000".
    private static string SignalInfo(int signal, int code, ulong address)
    {
        var name = (signal, code) switch
        {
            (KernelCore.SigSegv, 1) => "SEGV_MAPERR",
            (KernelCore.SigSegv, 2) => "SEGV_ACCERR",
            (KernelCore.SigBus, 2) => "BUS_ADRERR",
            (_, 0x80) => "SI_KERNEL",
            _ => null,
        };
        return name is null ? "" : string.Create(CultureInfo.InvariantCulture, $", si_code {name}, si_addr 0x{address:x}");
    }

    private static void WriteJson(TextWriter output, RunResult run)
    {
        var (runner, kernel, steps) = (run.Runner, run.Kernel, run.Steps);
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
                json.WriteNumber("signalCode", exit.SignalCode);
                json.WriteString("signalAddress", string.Create(CultureInfo.InvariantCulture, $"0x{exit.SignalAddress:x}"));
                var (minor, major) = runner.FaultsOf(pid);
                json.WriteNumber("minorFaults", minor);
                json.WriteNumber("majorFaults", major);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("steps", steps);
            json.WriteNumber("accesses", c.Accesses);
            json.WriteNumber("faults", c.Faults);
            json.WriteNumber("minorFaults", c.MinorFaults);
            json.WriteNumber("majorFaults", c.MajorFaults);
            json.WriteNumber("cowCopies", c.CowCopies);
            json.WriteNumber("failedFaults", c.FailedFaults);
            json.WriteStartObject("faultsByKind");
            foreach (var kind in FaultKindText.Kinds)
            {
                json.WriteNumber(FaultKindText.JsonName(kind), c.FaultsOf(kind));
            }

            json.WriteEndObject();
            json.WriteNumber("evictions", c.Evictions);
            json.WriteNumber("oomKills", c.OomKills);
            json.WriteNumber("forkFailures", c.ForkFailures);
            json.WriteNumber("contextSwitches", c.ContextSwitches);
            json.WriteNumber("cycles", kernel.Machine.Clock.Cycles);
            json.WriteString("policy", kernel.PolicyName);
            VmStatOutput.WriteJson(json, kernel);
            WriteMapsJson(json, run.Maps);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // "maps": one object per `maps` statement run — its pid, line and the /proc/PID/maps text — only when a program has one;
    // a `smaps` statement's object says "file": "smaps" and holds the /proc/PID/smaps text.
    private static void WriteMapsJson(Utf8JsonWriter json, IReadOnlyList<WorkloadStep> maps)
    {
        if (maps.Count == 0)
        {
            return;
        }

        json.WriteStartArray("maps");
        foreach (var step in maps)
        {
            json.WriteStartObject();
            json.WriteNumber("pid", step.Pid);
            json.WriteNumber("line", step.Action.Position.Line);
            if (step.Action is SmapsAction)
            {
                json.WriteString("file", "smaps");
            }

            json.WriteString("text", step.Maps);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
