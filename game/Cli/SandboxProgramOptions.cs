using System.CommandLine;
using System.Globalization;
using VmQuest.City.Simulation;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Cli;

/// <summary>
/// What the sandbox runs, when not the built-in programs: <c>--exec FILE [ARG…]</c> (a real ELF, execve'd as
/// <c>maps --exec</c> and the built-in programs do), <c>--workload FILE</c> (repeatable), <c>--trace FILE</c> (a
/// lackey trace), <c>--pid PID</c> or <c>--maps FILE</c> (an imported address space). Each input is read by the
/// reader its own command uses, with that reader's limits and its one-line errors; at most one source is given.
/// </summary>
internal sealed class SandboxProgramOptions
{
    private readonly Option<string> _exec = new("--exec")
    {
        Description = "Every process execve's this ELF (as 'maps --exec' shows it: its segments, the interpreter, the vDSO, a stack holding argv and envp) instead of /bin/ls; arguments follow as ARG (after -- when they start with -).",
        HelpName = "FILE",
    };

    private readonly Argument<string[]> _arguments = new("ARG")
    {
        Description = "With --exec: the program's arguments (argv[1…]).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> _workloads = new("--workload")
    {
        Description = "Run this workload program (.vmw, docs/workload-language.md) as a process instead of the built-in programs; repeat for more (one process each). --processes does not apply.",
        HelpName = "FILE",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _trace = new("--trace")
    {
        Description = "Replay a valgrind lackey trace (valgrind --tool=lackey --trace-mem=yes PROG) as the accesses of one process, a few per tick, instead of the built-in programs.",
        HelpName = "FILE",
    };

    private readonly Option<int?> _pid = new("--pid")
    {
        Description = "Import a live process's /proc/PID/maps (no root needed for your own): its VMAs become the address space the processes run in.",
        HelpName = "PID",
        CustomParser = MapsCommand.ParsePid,
    };

    private readonly Option<string> _maps = new("--maps")
    {
        Description = "The same from a saved maps file (/proc/self/maps imports this vmquest process's own).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_exec);
        command.Arguments.Add(_arguments);
        command.Options.Add(_workloads);
        command.Options.Add(_trace);
        command.Options.Add(_pid);
        command.Options.Add(_maps);
    }

    /// <summary>
    /// <paramref name="settings"/> with the chosen program read in. Throws <see cref="UserInputException"/> or the
    /// reader's <see cref="VmQuest.Engine.Formats.FormatParseException"/> (file, line, what was expected) for bad input.
    /// </summary>
    public SandboxSettings Apply(ParseResult parse, SandboxSettings settings)
    {
        var workloads = parse.GetValue(_workloads) ?? [];
        var given = new[]
        {
            (parse.GetValue(_exec) is not null, "--exec"), (workloads.Length > 0, "--workload"), (parse.GetValue(_trace) is not null, "--trace"),
            (parse.GetValue(_pid) is not null, "--pid"), (parse.GetValue(_maps) is not null, "--maps"),
        }.Where(g => g.Item1).Select(g => g.Item2).ToList();
        var arguments = parse.GetValue(_arguments) ?? [];
        if (arguments.Length > 0 && parse.GetValue(_exec) is null)
        {
            throw new UserInputException($"unexpected argument '{arguments[0]}' (program arguments follow --exec FILE)");
        }

        if (given.Count == 0)
        {
            return settings;
        }

        if (given.Count > 1)
        {
            throw new UserInputException($"give one of --exec, --workload, --trace, --pid or --maps, not {string.Join(" and ", given)}");
        }

        var machine = SandboxMachine.Describe(settings);
        if (SandboxScenario.RunsCompact(machine, settings.Frames))
        {
            throw new UserInputException($"{given[0]} runs an x86-64 program: it needs a machine with an x86-64 address space (x86-64 or x86-64-la57) and at least {SandboxScenario.CompactBelowFrames} frames, not {settings.Machine} with {settings.Frames.ToString(CultureInfo.InvariantCulture)}");
        }

        if (parse.GetValue(_exec) is { } elf)
        {
            // Read now, so a file that is no loadable ELF is one line here and not an empty process in the city.
            ExecImage.Load(elf);
            return settings with { Program = elf, Arguments = arguments };
        }

        if (workloads.Length > 0)
        {
            return settings with { Workloads = [.. workloads.Select(WorkloadParser.ParseFile)] };
        }

        if (parse.GetValue(_trace) is { } trace)
        {
            if (Directory.Exists(trace))
            {
                throw new UserInputException($"{trace}: is a directory; expected a trace file");
            }

            return settings with { Trace = TraceLoader.ScanLackey(trace, machine.PageShift, KernelCore.UserSpaceEnd(machine)) };
        }

        return settings with { Import = parse.GetValue(_pid) is { } pid ? FromProcess(pid) : new ImportedLayout(parse.GetValue(_maps)!, MapsReader.ReadFile(parse.GetValue(_maps)!)) };
    }

    // As 'maps --pid': the process must exist; its program (for the kinds) is readable for one's own processes only.
    private static ImportedLayout FromProcess(int pid)
    {
        var id = pid.ToString(CultureInfo.InvariantCulture);
        if (InputFile.Probe($"/proc/{id}") != InputFileKind.Directory)
        {
            throw new UserInputException($"no process {id} (expected the id of a live process)");
        }

        var entries = MapsReader.ReadProcess(pid);
        string? executable = null;
        try
        {
            executable = new FileInfo($"/proc/{id}/exe").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's process: the lowest mapped file is taken for its program.
        }

        return new ImportedLayout("pid " + id, entries, executable);
    }
}
