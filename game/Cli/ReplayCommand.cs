using System.CommandLine;
using System.Globalization;
using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Screens;
using VmQuest.Screens.Play;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest replay watch FILE</c> plays a verified replay back in the city on the playback screen (1×–64×, Space,
/// N; the mechanic's panel shows each decision as it is made), and
/// <c>vmquest replay gif FILE OUT.gif</c> exports it as an animated GIF to share. A replay is verified first; one
/// that does not verify is refused with the verifier's reason, so what is watched is what was earned.
/// </summary>
internal static class ReplayCommand
{
    // One reference per tick: at the sandbox's 30 ticks a second a whole level would be over before it was seen,
    // so 1× plays 2.5 references a second (4× ten; max as fast as the frame budget allows).
    private static readonly TimeSpan TickDuration = TimeSpan.FromMilliseconds(400);

    public static Command Create()
    {
        var level = new Option<string?>("--level") { Description = "The level file, when it is not a shipped level found by the replay's id", HelpName = "PATH" };
        var watchFile = new Argument<string>("FILE") { Description = "A replay (solution) file" };
        var screenshot = new ScreenshotOptions();
        var watch = new Command("watch", "Play a replay back in the city: Space pauses, N steps, 1–7 set the speed (1× to 64×), +/- change it, R starts over, Esc quits")
        {
            watchFile, level,
        };
        screenshot.AddTo(watch);
        watch.SetAction(parse => GraphicsCommandGuard.Run(parse.InvocationConfiguration.Error, () =>
            Watch(parse.GetRequiredValue(watchFile), parse.GetValue(level), screenshot.Parse(parse), parse.InvocationConfiguration.Output)));

        var gifFile = new Argument<string>("FILE") { Description = "A replay (solution) file" };
        var output = new Argument<FileInfo>("OUT") { Description = "The animated GIF to write" };
        var width = new Option<int>("--width") { Description = "Width of the GIF in pixels (64 to 1280)", DefaultValueFactory = _ => 640, HelpName = "PX" };
        var gif = new Command("gif",
            $"Export a replay as an animated GIF of the city (every tick, or evenly sampled down to {AnimatedGif.MaxFrames} frames), written atomically")
        {
            gifFile, output, level, width,
        };
        gif.SetAction(parse =>
        {
            if (parse.GetValue(width) is < 64 or > 1280)
            {
                parse.InvocationConfiguration.Error.WriteLine("vmquest: --width must be between 64 and 1280.");
                return VmQuestCommandLine.UsageError;
            }

            return GraphicsCommandGuard.Run(parse.InvocationConfiguration.Error, () => Gif(
                parse.GetRequiredValue(gifFile), parse.GetValue(level), parse.GetValue(output)!.FullName, parse.GetValue(width), parse.InvocationConfiguration.Output));
        });
        return new Command("replay", "Watch a replay (solution) in the city, or export it as an animated GIF") { watch, gif };
    }

    /// <summary>Reads, resolves and verifies; a replay that does not verify cannot be played back.</summary>
    private static (ReplayFile Replay, Level Level) Load(string file, string? levelArgument)
    {
        var replay = ReplayReader.Read(file);
        var level = LevelResolver.Resolve(levelArgument ?? replay.LevelId);
        var result = ReplayVerifier.Verify(replay, level);
        if (!result.Verified)
        {
            throw new UserInputException($"{file}: cannot be played back: {result.Reason}");
        }

        return (replay, level);
    }

    private static int Watch(string file, string? levelArgument, (string Path, long AfterTicks)? shot, TextWriter output)
    {
        var (replay, level) = Load(file, levelArgument);
        var options = shot is null ? new SdlBackendOptions { Title = "VmQuest replay" } : SdlBackendOptions.HeadlessOf(1280, 720);
        using var backend = new SdlRenderBackend(options);
        using var screen = new PlaybackScreen(replay, level);
        var ui = UiContext.Default;
        if (shot is { } s)
        {
            // Deterministic: the first draw attaches the city (so it sees every tick), then exactly N ticks.
            backend.PollInput();
            backend.BeginFrame();
            screen.Draw(backend, ui);
            backend.EndFrame();
            screen.RunTicks(s.AfterTicks);
            screen.Update(backend.PollInput(), ui);
            backend.BeginFrame();
            screen.Draw(backend, ui);
            backend.SavePng(s.Path);
            backend.EndFrame();
            output.WriteLine($"wrote {s.Path}");
            return 0;
        }

        // The playback screen paces itself by rendered frames; the runner's loop has nothing to tick.
        var loop = new FixedStepLoop(() => { }, new StopwatchClock(), TickDuration, TimeSpan.FromMilliseconds(1));
        var runner = new FrameRunner(backend, loop);
        runner.RunInteractive(input => screen.Update(input, ui) is not (ScreenTransition.Pop or ScreenTransition.Quit),
            b => screen.Draw(b, ui), new StopwatchClock());
        var session = screen.Session!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: tick {session.Tick} of {session.Length} watched, {(screen.Finished ? "finished" : "not finished")}"));
        return 0;
    }

    private static int Gif(string file, string? levelArgument, string outputPath, int width, TextWriter output)
    {
        var (replay, level) = Load(file, levelArgument);
        Engine.Formats.Output.AtomicFile.CheckWritable(outputPath);
        var driver = new ReplayDriver(replay, level);
        var simulation = ReplayCityDriver.Attach(driver);
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), TickDuration, TimeSpan.FromMilliseconds(8)) { Speed = SimulationSpeed.Normal };
        using var view = new CityView(backend, simulation, loop, () => simulation.Ticks * TickDuration, $"VmQuest replay · {level.Title.En}");
        // One frame per tick (plus the final state), sampled evenly when the replay is long.
        var frames = (driver.Length ?? TicksOf(replay, level)) + 1;
        var stride = AnimatedGif.Stride(frames);
        using var gif = new AnimatedGif(width, TimeSpan.FromMilliseconds(200));
        var pixels = new uint[backend.Width * backend.Height];
        backend.PollInput();
        for (long frame = 0; frame < frames && gif.Count < AnimatedGif.MaxFrames; frame++)
        {
            if (frame > 0)
            {
                loop.RunTicks(1);
            }

            if (frame % stride != 0 && frame != frames - 1)
            {
                continue;
            }

            view.RefreshEverything();
            view.Update(backend.PollInput());
            backend.BeginFrame();
            view.Draw(backend);
            backend.ReadPixels(pixels);
            backend.EndFrame();
            gif.Add(pixels, backend.Width, backend.Height);
        }

        gif.Save(outputPath);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outputPath}: {gif.Count} frames of {level.Id}, {width} px wide"));
        return 0;
    }

    // A level whose length is not known in advance is played back once headlessly to count its ticks (a verified
    // replay ends, and verification already bounded its work).
    private static long TicksOf(ReplayFile replay, Level level)
    {
        var driver = new ReplayDriver(replay, level);
        long ticks = 0;
        while (!driver.Finished)
        {
            driver.Tick();
            ticks++;
        }

        return ticks;
    }
}
