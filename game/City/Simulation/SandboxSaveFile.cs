using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Formats.Output;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.City.Simulation;

/// <summary>
/// A saved sandbox: not a memory dump but the run's inputs — the configuration, what runs, every action with the
/// tick it followed — and the tick and state hash it reached. Loading re-simulates them
/// (<see cref="SandboxSession.Replay"/>) and checks the hash, so a loaded sandbox is exactly the saved one or is
/// refused. Text, one item a line (docs/sandbox.md, "Save and load"):
/// <code>
/// vmquest-sandbox 1
/// machine x86-64
/// frames 4096
/// …
/// action 120 run 1 malloc b 8K
/// ticks 300
/// hash 0123456789abcdef
/// end
/// </code>
/// Workload programs and traces are named by path and read again on load (a changed file changes the hash); an
/// imported address space is stored line by line (<c>map …</c>), since a live process's maps change.
/// </summary>
public static class SandboxSaveFile
{
    /// <summary>The first line of every save file.</summary>
    public const string Magic = "vmquest-sandbox 1";

    /// <summary>Largest save file read (the embedded maps of a big process and many actions fit).</summary>
    public const int MaxBytes = 8 << 20;

    /// <summary>What a save holds.</summary>
    /// <param name="Settings">The configuration and what runs.</param>
    /// <param name="Actions">The player's actions, in order.</param>
    /// <param name="Ticks">Ticks run when it was saved.</param>
    /// <param name="Hash">The state hash then (<see cref="VmQuest.Rules.StateHash"/>).</param>
    public sealed record Contents(SandboxSettings Settings, IReadOnlyList<SandboxAction> Actions, long Ticks, string Hash);

    /// <summary>The text of a save of <paramref name="session"/> as it is now.</summary>
    public static string Format(SandboxSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var s = session.Settings;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"{Magic}");
        Line($"machine {s.Machine}");
        Line($"frames {s.Frames}");
        Line($"processes {s.Processes}");
        Line($"huge-pages {(s.HugePages ? "on" : "off")}");
        Line($"tlb-entries {s.TlbEntries?.ToString(CultureInfo.InvariantCulture) ?? "machine"}");
        Line($"tlb-ways {s.TlbWays?.ToString(CultureInfo.InvariantCulture) ?? "machine"}");
        Line($"pcid {(s.Pcid is { } pcid ? (pcid ? "on" : "off") : "machine")}");
        Line($"swap-pages {s.SwapPages}");
        Line($"policy {s.Policy}");
        Line($"program {s.Program}");
        foreach (var argument in s.Arguments)
        {
            Line($"arg {argument}");
        }

        foreach (var workload in s.Workloads)
        {
            Line($"workload {workload.File}");
        }

        if (s.Trace is { } trace)
        {
            Line($"trace {trace.Source}");
        }

        if (s.Import is { } import)
        {
            Line($"import {import.Source}");
            if (import.ExecutablePath is { } exe)
            {
                Line($"import-exe {exe}");
            }

            foreach (var entry in import.Entries)
            {
                Line($"map {entry}");
            }
        }

        foreach (var action in session.Actions)
        {
            Line($"action {action.Tick} {action.Verb.ToString().ToLowerInvariant()} {action.Pid}{(action.Line.Length > 0 ? " " + action.Line : "")}");
        }

        Line($"ticks {session.Ticks}");
        Line($"hash {VmQuest.Rules.StateHash.Of(session.Kernel)}");
        Line($"end");
        return text.ToString();
    }

    /// <summary>Writes a save of <paramref name="session"/> to <paramref name="path"/> atomically (a reader never sees half a file).</summary>
    public static void Write(string path, SandboxSession session) => AtomicFile.WriteAllText(path, Format(session));

    /// <summary>Reads and checks a save file; <see cref="FormatParseException"/> (file, line, what was expected) when it is not one.</summary>
    public static Contents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFile.ReadAllText(path, MaxBytes, "a sandbox save file"), path);
    }

    /// <summary>Parses the text of a save file named <paramref name="file"/> in errors.</summary>
    public static Contents Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var settings = new SandboxSettings { Arguments = [] };
        var arguments = new List<string>();
        var workloads = new List<WorkloadProgram>();
        var actions = new List<SandboxAction>();
        var maps = new List<MapsEntry>();
        string? importSource = null, importExe = null;
        long? ticks = null;
        string? hash = null;
        var ended = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (i == lines.Length - 1 && line.Length == 0)
            {
                break;
            }

            if (ended)
            {
                throw new FormatParseException(file, number, 1, "nothing after 'end'", line);
            }

            if (i == 0)
            {
                if (line != Magic)
                {
                    throw new FormatParseException(file, 1, 1, $"'{Magic}' (a sandbox save file)", line);
                }

                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var key = space < 0 ? line : line[..space];
            var value = space < 0 ? "" : line[(space + 1)..];
            switch (key)
            {
                case "machine": settings = settings with { Machine = Word(value, file, number, "a machine name") }; break;
                case "frames": settings = settings with { Frames = Number(value, file, number, "a frame count") }; break;
                case "processes": settings = settings with { Processes = (int)Number(value, file, number, "a process count", int.MaxValue) }; break;
                case "huge-pages": settings = settings with { HugePages = OnOff(value, file, number) ?? false }; break;
                case "tlb-entries": settings = settings with { TlbEntries = Machine(value, file, number) }; break;
                case "tlb-ways": settings = settings with { TlbWays = Machine(value, file, number) }; break;
                case "pcid": settings = settings with { Pcid = value == "machine" ? null : OnOff(value, file, number) }; break;
                case "swap-pages": settings = settings with { SwapPages = (int)Number(value, file, number, "a swap size in pages", int.MaxValue) }; break;
                case "policy": settings = settings with { Policy = Word(value, file, number, "a policy name") }; break;
                case "program": settings = settings with { Program = Word(value, file, number, "a program path") }; break;
                case "arg": arguments.Add(value); break;
                case "workload": workloads.Add(WorkloadParser.ParseFile(Word(value, file, number, "a workload file"))); break;
                case "trace": settings = settings with { Trace = Trace(Word(value, file, number, "a trace file"), settings) }; break;
                case "import": importSource = Word(value, file, number, "where the maps came from"); break;
                case "import-exe": importExe = value; break;
                case "map": maps.Add(MapsReader.ParseLine(value, file, number)); break;
                case "action": actions.Add(Action(value, file, number, actions.Count == 0 ? 0 : actions[^1].Tick)); break;
                case "ticks": ticks = Number(value, file, number, "a tick count"); break;
                case "hash":
                    hash = VmQuest.Replays.ReplayReader.IsHash(value) ? value : throw new FormatParseException(file, number, 6, "a state hash (16 to 64 lower-case hex digits)", value);
                    break;
                case "end": ended = true; break;
                default: throw new FormatParseException(file, number, 1, "machine, frames, processes, huge-pages, tlb-entries, tlb-ways, pcid, swap-pages, policy, program, arg, workload, trace, import, map, action, ticks, hash or end", key);
            }
        }

        if (!ended || ticks is null || hash is null)
        {
            throw new FormatParseException(file, lines.Length, 1, ticks is null ? "a 'ticks N' line" : hash is null ? "a 'hash H' line" : "'end' as the last line (the file is cut short)", "end of file");
        }

        if (actions.Count > 0 && actions[^1].Tick > ticks)
        {
            throw new FormatParseException(file, lines.Length, 1, $"ticks of at least {actions[^1].Tick} (the last action's)", ticks.Value.ToString(CultureInfo.InvariantCulture));
        }

        settings = settings with
        {
            Arguments = arguments,
            Workloads = workloads,
            Import = importSource is null ? null : new ImportedLayout(importSource, maps, importExe),
        };
        if (SandboxMachine.Validate(settings) is { } wrong)
        {
            throw new FormatParseException(file, $"the configuration cannot boot: {wrong.Replace("--", "", StringComparison.Ordinal)}");
        }

        return new Contents(settings, actions, ticks.Value, hash);
    }

    /// <summary>
    /// Loads <paramref name="path"/>: re-simulates its inputs and checks that the state hash is the one it saved.
    /// </summary>
    /// <exception cref="FormatParseException">The file is not a save, or the state it reaches is another (a changed input file, a tampered action).</exception>
    public static CitySimulation Load(string path)
    {
        var contents = Read(path);
        var simulation = SandboxSession.Replay(contents.Settings, contents.Actions, contents.Ticks);
        var hash = VmQuest.Rules.StateHash.Of(simulation.Kernel);
        return hash == contents.Hash
            ? simulation
            : throw new FormatParseException(path, string.Create(CultureInfo.InvariantCulture,
                $"re-simulating its inputs reaches state {hash} at tick {contents.Ticks}, not the saved {contents.Hash} (an input file changed, or the save was edited)"));
    }

    /// <summary>
    /// F9: the run saved in <paramref name="path"/>, re-simulated and checked; when it cannot be loaded,
    /// <paramref name="current"/> goes on. The note says which, for the HUD.
    /// </summary>
    public static (CitySimulation Simulation, string Note) LoadOrKeep(string path, CitySimulation current)
    {
        var name = Path.GetFileName(path);
        try
        {
            var loaded = Load(path);
            return (loaded, string.Create(CultureInfo.InvariantCulture, $"F9 loaded {name}: tick {loaded.Ticks}, state {VmQuest.Rules.StateHash.Of(loaded.Kernel)} as saved"));
        }
        catch (Exception e) when (e is FormatParseException or IOException or UnauthorizedAccessException or VmQuest.Engine.Machine.InputFileException)
        {
            return (current, $"F9 could not load: {e.Message}");
        }
    }

    private static string Word(string value, string file, int line, string expected) =>
        value.Length > 0 ? value : throw new FormatParseException(file, line, 1, expected, "");

    private static long Number(string value, string file, int line, string expected, long max = long.MaxValue) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n <= max
            ? n
            : throw new FormatParseException(file, line, 1, expected, value);

    private static int? Machine(string value, string file, int line) =>
        value == "machine" ? null : (int)Number(value, file, line, "a whole number or 'machine'", int.MaxValue);

    private static bool? OnOff(string value, string file, int line) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new FormatParseException(file, line, 1, "on or off", value),
    };

    private static TraceInput Trace(string path, SandboxSettings settings)
    {
        var machine = SandboxMachine.Describe(settings);
        return TraceLoader.ScanLackey(path, machine.PageShift, KernelCore.UserSpaceEnd(machine));
    }

    // "TICK fork PID", "TICK kill PID" or "TICK run PID LINE"; ticks never go back.
    private static SandboxAction Action(string value, string file, int line, long previous)
    {
        var parts = value.Split(' ', 4);
        if (parts.Length < 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var tick)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || parts[1] is not ("fork" or "kill" or "run") || (parts[1] == "run") != (parts.Length == 4) || tick < previous)
        {
            throw new FormatParseException(file, line, 8, $"TICK (at least {previous}) fork|kill PID, or TICK run PID LINE", value);
        }

        var verb = parts[1] switch { "fork" => SandboxVerb.Fork, "kill" => SandboxVerb.Kill, _ => SandboxVerb.Run };
        return new SandboxAction(tick, verb, pid, parts.Length == 4 ? parts[3] : "");
    }
}
