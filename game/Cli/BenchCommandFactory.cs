using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest bench render --frames N --processes P [--ticks T] [--json]</c>: renders the sandbox city of that size
/// headless (software renderer, 1280×720) for T frames while its simulation runs one tick per frame, and reports
/// the median and 99th-percentile time of the whole frame — simulation step, view update (layout, caches) and
/// drawing. Setup and 10 warm-up frames are not measured.
/// </summary>
internal static class BenchCommandFactory
{
    private const int WarmUpFrames = 10;

    /// <summary>Creates the <c>bench</c> command: <c>render</c>, and the kernel scenarios <c>fork</c>, <c>faults</c>, <c>cow</c>.</summary>
    public static Command Create()
    {
        var frames = new Option<long>("--frames") { Description = "Physical frames of the machine (the sandbox city; or give --level).", HelpName = "N" };
        var level = new Option<string?>("--level") { Description = "Measure this level's play screen instead (an id or a level file).", HelpName = "ID" };
        var processes = new Option<int>("--processes") { Description = "Processes to run.", HelpName = "P", DefaultValueFactory = _ => 3 };
        var ticks = new Option<int>("--ticks") { Description = "Frames to measure (one simulation tick each).", HelpName = "T", DefaultValueFactory = _ => 300 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var zoom = new Option<float>("--zoom") { Description = "Pixels per lot (default: the whole city fits the view).", HelpName = "PX" };
        var render = new Command("render", "Measure the frame time of the city view (simulation + layout + drawing).")
        {
            frames, processes, ticks, json, zoom, level,
        };
        render.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(level) is { } id)
            {
                if (parseResult.GetValue(ticks) is < 1 or > 100_000)
                {
                    error.WriteLine("vmquest: --ticks must be between 1 and 100000.");
                    return 1;
                }

                return GraphicsCommandGuard.Run(error, () => PlayScreenBench.Run(id, parseResult.GetValue(ticks), parseResult.GetValue(json), parseResult.InvocationConfiguration.Output));
            }

            if (parseResult.GetResult(frames) is null)
            {
                error.WriteLine("vmquest: bench render needs --frames N (the sandbox city) or --level ID (a level's play screen).");
                return VmQuestCommandLine.UsageError;
            }

            var settings = SandboxCommandFactory.Settings(new SandboxSettings { Frames = parseResult.GetValue(frames), Processes = parseResult.GetValue(processes) }, error);
            var count = parseResult.GetValue(ticks);
            if (settings is null || count is < 1 or > 100_000)
            {
                if (settings is not null)
                {
                    error.WriteLine("vmquest: --ticks must be between 1 and 100000.");
                }

                return 1;
            }

            return GraphicsCommandGuard.Run(error, () => Run(settings, count, parseResult.GetValue(json), parseResult.GetValue(zoom), parseResult.InvocationConfiguration.Output));
        });
        var bench = new Command("bench", "Performance measurements: the city's frame time, and whole kernel operations.") { render };
        foreach (var scenario in BenchCommand.KernelScenarios())
        {
            bench.Subcommands.Add(scenario);
        }

        return bench;
    }

    private static int Run(SandboxSettings settings, int frames, bool json, float zoom, TextWriter output)
    {
        var simulation = new CitySimulation(new SandboxScenario(settings));
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), SandboxCommandFactory.TickDuration, TimeSpan.FromMilliseconds(8));
        using var view = new CityView(backend, simulation, loop, () => simulation.Ticks * SandboxCommandFactory.TickDuration, "VmQuest bench");
        if (zoom > 0)
        {
            view.ZoomToLots(zoom);
        }

        var stats = new FrameTimeStats();
        long allocated = 0;
        for (var i = 0; i < WarmUpFrames + frames; i++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var input = backend.PollInput();
            loop.RunTicks(1);
            view.Update(input);
            backend.BeginFrame();
            view.Draw(backend);
            backend.EndFrame();
            if (i >= WarmUpFrames)
            {
                stats.Add(Stopwatch.GetElapsedTime(start));
                allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        if (json)
        {
            output.WriteLine(string.Create(inv,
                $"{{\"frames\":{settings.Frames},\"processes\":{settings.Processes},\"width\":{backend.Width},\"height\":{backend.Height},\"measuredFrames\":{stats.Count},\"medianMs\":{stats.MedianMs:0.###},\"p99Ms\":{stats.P99Ms:0.###},\"maxMs\":{stats.MaxMs:0.###},\"allocatedBytesPerFrame\":{allocated / Math.Max(1, stats.Count)},\"pixelsPerLot\":{view.Camera.Zoom:0.###},\"texture\":{(view.DrawsTexture ? "true" : "false")}}}"));
        }
        else
        {
            output.WriteLine(string.Create(inv,
                $"city of {settings.Frames:N0} frames, {settings.Processes} processes, {backend.Width}×{backend.Height}: median {stats.MedianMs:0.00} ms, p99 {stats.P99Ms:0.00} ms over {stats.Count} frames"));
        }

        return 0;
    }
}
