using System.CommandLine;
using System.Globalization;
using System.Numerics;
using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Engine.Machine;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest sandbox [--machine NAME] [--frames N] [--processes P] [--screenshot FILE [--after-ticks N]]</c>: a
/// window with the city of a machine running a few built-in programs (see <see cref="SandboxScenario"/>), with
/// the speed controls. With <c>--screenshot</c> it renders headless after exactly N ticks, saves a PNG and exits;
/// with <c>--inspect WHAT</c> it opens no window and prints the components of one entity (<see cref="SandboxInspection"/>).
/// </summary>
internal static class SandboxCommandFactory
{
    /// <summary>Real time of one simulation tick at 1×.</summary>
    public static readonly TimeSpan TickDuration = TimeSpan.FromSeconds(1.0 / 30);

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var screenshot = new ScreenshotOptions();
        var machine = new Option<string>("--machine") { Description = "Built-in machine to boot.", HelpName = "NAME", DefaultValueFactory = _ => "x86-64" };
        var frames = new Option<long>("--frames") { Description = "Physical frames (16 to 4194304).", HelpName = "N", DefaultValueFactory = _ => 4096 };
        var processes = new Option<int>("--processes") { Description = "Processes to start (1 to 256).", HelpName = "P", DefaultValueFactory = _ => 3 };
        var mouse = new Option<string?>("--mouse")
        {
            Description = "With --screenshot: put the mouse at X,Y (pixels) so the image shows its hover tooltip.",
            HelpName = "X,Y",
        };
        var select = new Option<string?>("--select")
        {
            Description = "With --screenshot: click at X,Y (pixels) first, so the image shows that selection and its entity components.",
            HelpName = "X,Y",
        };
        var inspect = new Option<string[]>("--inspect")
        {
            Description = "Print the components of one entity after --after-ticks N ticks and exit (no window): "
                + "pid N, frame N, vma PID ADDR, pte PID ADDR or entity ID.",
            HelpName = "WHAT",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "With --inspect: print the components as JSON." };
        var hugePages = new Option<bool>("--huge-pages")
        {
            Description = "Each program madvises its buffer MADV_HUGEPAGE (THP in madvise mode): its writes map 2 MiB pages, shown as blocks of 512 lots.",
        };
        var machineOptions = new SandboxMachineOptions();
        var programOptions = new SandboxProgramOptions();
        var saveOptions = new SandboxSaveOptions();
        var command = new Command("sandbox", "Open the city of memory on a machine you configure, running a few built-in programs, a real ELF (--exec), workload programs (--workload), a lackey trace (--trace) or an imported address space (--pid, --maps); see docs/sandbox.md.");
        command.Options.Add(mouse);
        command.Options.Add(select);
        command.Options.Add(inspect);
        command.Options.Add(json);
        command.Options.Add(machine);
        command.Options.Add(frames);
        command.Options.Add(processes);
        command.Options.Add(hugePages);
        machineOptions.AddTo(command);
        programOptions.AddTo(command);
        saveOptions.AddTo(command);
        screenshot.AddTo(command);
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var settings = Settings(machineOptions.Apply(parseResult, new SandboxSettings
            {
                Machine = parseResult.GetValue(machine)!,
                Frames = parseResult.GetValue(frames),
                Processes = parseResult.GetValue(processes),
                HugePages = parseResult.GetValue(hugePages),
            }), error);
            if (settings is null)
            {
                return 2; // bad usage: a size outside the documented range
            }

            // What runs, read now (one line naming the file for bad input, exit 1) before any window opens.
            settings = programOptions.Apply(parseResult, settings);

            if (parseResult.GetValue(inspect) is { Length: > 0 } what)
            {
                if (parseResult.GetValue(screenshot.Screenshot) is not null)
                {
                    error.WriteLine("vmquest: --inspect prints text and draws nothing; give --screenshot or --inspect, not both.");
                    return 2;
                }

                return SandboxInspection.Parse(what, error) is { } target
                    ? CommandGuard.Run(error, () => SandboxInspection.Run(settings, target, parseResult.GetValue(screenshot.AfterTicks),
                        parseResult.GetValue(json), parseResult.InvocationConfiguration.Output, error))
                    : 2;
            }

            var request = screenshot.Parse(parseResult);
            if (!TryPoint(parseResult.GetValue(mouse), "--mouse", error, out var pointer) || !TryPoint(parseResult.GetValue(select), "--select", error, out var click))
            {
                return 2;
            }

            var output = parseResult.InvocationConfiguration.Output;
            Func<CitySimulation> boot = saveOptions.Load(parseResult) is { } load ? () => Loaded(load) : () => NewSimulation(settings);
            if (saveOptions.Headless(parseResult))
            {
                if (request is not null)
                {
                    error.WriteLine("vmquest: --save and --state-hash run without a window; give them or --screenshot, not both.");
                    return 2;
                }

                return GraphicsCommandGuard.Run(error, () => saveOptions.RunHeadless(parseResult, boot(), parseResult.GetValue(screenshot.AfterTicks), output));
            }

            return GraphicsCommandGuard.Run(error, () => Run(boot, request, pointer, click, output));
        });
        return command;
    }

    /// <summary>Validates the machine configuration (<see cref="SandboxMachine.Validate"/>); null (after one line on <paramref name="error"/>) when it cannot boot.</summary>
    public static SandboxSettings? Settings(SandboxSettings settings, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(error);
        if (SandboxMachine.Validate(settings) is { } wrong)
        {
            error.WriteLine($"vmquest: {wrong}.");
            return null;
        }

        return settings;
    }

    // X,Y in pixels for --mouse and --select; false (after one line on the error stream) when malformed.
    private static bool TryPoint(string? text, string option, TextWriter error, out Vector2? point)
    {
        point = null;
        if (text is null)
        {
            return true;
        }

        var parts = text.Split(',');
        if (parts.Length != 2 || !float.TryParse(parts[0], CultureInfo.InvariantCulture, out var x) || !float.TryParse(parts[1], CultureInfo.InvariantCulture, out var y))
        {
            error.WriteLine($"vmquest: {option} expects X,Y in pixels, got '{text}'.");
            return false;
        }

        point = new Vector2(x, y);
        return true;
    }

    private static int Run(Func<CitySimulation> boot, (string Path, long AfterTicks)? screenshot, Vector2? pointer, Vector2? click, TextWriter output)
    {
        // Boot the machine (or load the save) before opening SDL, so a bad --machine or save file is reported as
        // such, with or without a display.
        var first = boot();
        var settings = SettingsOf(first);
        var options = screenshot is null
            ? new SdlBackendOptions { Title = "VmQuest sandbox" }
            : SdlBackendOptions.HeadlessOf(1280, 720);
        using var backend = new SdlRenderBackend(options);
        if (screenshot is { } shot)
        {
            var simulation = first;
            var loop = NewLoop(simulation, new StopwatchClock());
            var ticksBefore = simulation.Ticks;
            using var view = new CityView(backend, simulation, loop, () => (simulation.Ticks - ticksBefore) * TickDuration, Title(settings));
            return CityScreenshot.Take(backend, view, loop, shot, pointer, output, click);
        }

        // Interactive: R builds a fresh run of the same programs, F9 loads the save file in its place; anything
        // else that ends the view ends the command.
        var runs = 0;
        CitySimulation? next = first;
        string? note = null;
        while (true)
        {
            runs++;
            var simulation = next ?? NewSimulation(settings);
            next = null;
            settings = SettingsOf(simulation);
            var clock = new StopwatchClock();
            var loop = NewLoop(simulation, clock);
            using var view = new CityView(backend, simulation, loop, () => clock.Now, Title(settings));
            if (note is not null)
            {
                view.Note(note);
                note = null;
            }

            var runner = new FrameRunner(backend, loop);
            runner.RunInteractive(view.Update, view.Draw, new StopwatchClock(), b => ScreenshotKey.SaveIfAsked(b, view, "sandbox", simulation.Ticks, output));
            if (view.RestartRequested)
            {
                continue;
            }

            if (view.RestartWith is { } changed)
            {
                settings = changed;
                continue;
            }

            if (view.LoadRequested)
            {
                (next, note) = SandboxSaveFile.LoadOrKeep(Path.GetFullPath(CityView.SaveFileName), simulation);
                continue;
            }

            // One line on the way out: what the session did (also how a scripted run checks the controls worked).
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sandbox: {simulation.Ticks} ticks, {runner.Frames} frames, speed {loop.Speed.ToString().ToLowerInvariant()}, zoom {view.Camera.Zoom:0.###} px/lot, {(simulation.Finished ? "finished" : "not finished")}, runs {runs}"));
            return 0;
        }
    }

    private static SandboxSettings SettingsOf(CitySimulation simulation) => ((SandboxSession)simulation.Driver).Settings;

    /// <summary>The HUD's title: the sandbox and its machine configuration (<see cref="SandboxMachine.Summary"/>).</summary>
    public static string Title(SandboxSettings settings) => "VmQuest sandbox · " + SandboxMachine.Summary(settings);

    // --load: the save re-simulated and checked (a FormatParseException names the file and line when it is not one).
    private static CitySimulation Loaded(string path)
    {
        try
        {
            return SandboxSaveFile.Load(path);
        }
        catch (InputFileException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    private static CitySimulation NewSimulation(SandboxSettings settings)
    {
        try
        {
            return new CitySimulation(new SandboxSession(settings));
        }
        catch (InputFileException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    private static FixedStepLoop NewLoop(CitySimulation simulation, IClock clock) =>
        new(simulation.Tick, clock, TickDuration, TimeSpan.FromMilliseconds(8)) { Speed = SimulationSpeed.Normal };
}
