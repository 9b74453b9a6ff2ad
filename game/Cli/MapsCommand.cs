using System.CommandLine;
using System.Globalization;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest maps (--exec ELF [ARG…] | --pid PID | --file MAPS) [--json]</c>: prints an address space in
/// <c>/proc/PID/maps</c> format — what the simulated execve builds for a real ELF file (before any page is
/// touched), a live process's, or a saved maps file's.
/// </summary>
internal static class MapsCommand
{
    public static Command Create()
    {
        var exec = new Option<string>("--exec") { Description = "An ELF64 executable: show what execve maps for it, before any touch, as Linux 6.18 x86-64 maps it without randomisation (setarch -R): the segments, the interpreter, [vvar], [vvar_vclock], [vdso], [stack], then [vsyscall]; files by their resolved path", HelpName = "ELF" };
        var pid = new Option<int?>("--pid")
        {
            Description = "A live process: read its /proc/PID/maps (no root needed for your own)",
            HelpName = "PID",
            CustomParser = ParsePid,
        };
        var file = new Option<string>("--file") { Description = "A saved /proc/PID/maps file", HelpName = "MAPS" };
        var args = new Argument<string[]>("ARG") { Description = "Arguments for --exec's program (argv[1…])", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print {\"source\", \"vmas\": [{start, end, perms, offset, path, kind}]}; addresses and offsets are hex strings" };
        var command = new Command("maps", "Print an address space in /proc/PID/maps format: of a simulated execve, a live process, or a file")
        {
            exec, pid, file, args, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandGuard.Run(parse.InvocationConfiguration.Error, () =>
            {
                var chosen = new object?[] { parse.GetValue(exec), parse.GetValue(pid), parse.GetValue(file) }.Count(v => v is not null);
                if (chosen != 1)
                {
                    throw new UserInputException("give exactly one of --exec ELF, --pid PID or --file MAPS");
                }

                var (source, entries, kinds) = parse.GetValue(exec) is { } elf ? FromExec(elf, parse.GetValue(args) ?? [])
                    : parse.GetValue(pid) is { } id ? FromProcess(id)
                    : FromFile(parse.GetValue(file)!);
                if (parse.GetValue(json))
                {
                    MapsJson.Write(output, source, entries, kinds);
                }
                else
                {
                    MapsWriter.Write(output, entries);
                }

                return 0;
            });
        });
        return command;
    }

    private static (string, IReadOnlyList<MapsEntry>, IReadOnlyList<string>) FromExec(string path, string[] arguments)
    {
        // ElfReader refuses a missing file, a directory, a FIFO or a device before opening it, in one line.
        var mm = new MemoryDescriptor(LinuxX64Layout.PageSize, LinuxX64Layout.TaskSize, NullMappingObserver.Instance);
        ExecLoader.Apply(ExecImage.Load(path), mm, [path, .. arguments], []);

        // The maps of an x86-64 process end with the vsyscall gate area, which is not one of its VMAs.
        return ("exec " + path, [.. MapsView.Entries(mm.Vmas), MapsView.GateArea], [.. mm.Vmas.Areas.Select(a => MapsView.KindName(a.Kind)), "vsyscall"]);
    }

    // Linux's PID_MAX_LIMIT: no pid is larger on any configuration.
    private const int PidMaxLimit = 4_194_304;

    internal static int? ParsePid(System.CommandLine.Parsing.ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= 1 and <= PidMaxLimit)
        {
            return value;
        }

        result.AddError($"--pid expects a process id from 1 to {PidMaxLimit}, not '{text}'");
        return null;
    }

    private static (string, IReadOnlyList<MapsEntry>, IReadOnlyList<string>) FromProcess(int pid)
    {
        if (InputFile.Probe($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}") != InputFileKind.Directory)
        {
            throw new UserInputException($"no process {pid.ToString(CultureInfo.InvariantCulture)} (expected the id of a live process)");
        }

        var entries = MapsReader.ReadProcess(pid);
        string? executable = null;
        try
        {
            executable = new FileInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/exe").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's process: the kinds are then guessed without knowing which file is the program.
        }

        return ("pid " + pid.ToString(CultureInfo.InvariantCulture), entries, Kinds(entries, executable));
    }

    private static (string, IReadOnlyList<MapsEntry>, IReadOnlyList<string>) FromFile(string path)
    {
        var entries = MapsReader.ReadFile(path);
        return ("file " + path, entries, Kinds(entries, null));
    }

    private static List<string> Kinds(IReadOnlyList<MapsEntry> entries, string? executable) =>
        MapsClassifier.Classify(entries, executable).Select(KindName).ToList();

    private static string KindName(MapsKind kind) => kind switch
    {
        MapsKind.ReadOnlyData => "rodata",
        MapsKind.MappedFile => "mmap-file",
        MapsKind.Anonymous => "mmap-anon",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
