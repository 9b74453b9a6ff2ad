using System.CommandLine;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Cli;

/// <summary>
/// Builds the hidden <c>render-test</c> command: draws the platform test card (palette, English and Chinese
/// text, lines, triangles, a texture, camera zoom) to check the graphics stack. With <c>--screenshot FILE</c>
/// it renders headless, saves a PNG and exits; without, it opens a window until closed (Esc). Its "simulation"
/// is a tick counter shown in the HUD, so <c>--after-ticks</c> is visible in the image.
/// </summary>
internal static class RenderTestCommandFactory
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var screenshot = new ScreenshotOptions();
        var width = new Option<int>("--width") { Description = "Width in pixels.", DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = "Height in pixels.", DefaultValueFactory = _ => 720 };
        var command = new Command("render-test", "Draw the graphics test card (diagnostics).") { Hidden = true };
        screenshot.AddTo(command);
        command.Options.Add(width);
        command.Options.Add(height);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var w = parseResult.GetValue(width);
            var h = parseResult.GetValue(height);
            if (w is < 64 or > 8192 || h is < 64 or > 8192)
            {
                error.WriteLine("vmquest: --width and --height must be between 64 and 8192.");
                return 1;
            }

            var request = screenshot.Parse(parseResult);
            return GraphicsCommandGuard.Run(error, () => Run(w, h, request, output));
        });
        return command;
    }

    private static int Run(int width, int height, (string Path, long AfterTicks)? screenshot, TextWriter output)
    {
        var options = screenshot is null
            ? new SdlBackendOptions { Width = width, Height = height, Title = "VmQuest render test" }
            : SdlBackendOptions.HeadlessOf(width, height);
        using var backend = new SdlRenderBackend(options);
        using var card = new RenderTestCard(backend);
        var ticks = 0L;
        var loop = new FixedStepLoop(() => ticks++, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 60), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Normal,
        };
        var runner = new FrameRunner(backend, loop);
        InputState? lastInput = null;
        if (screenshot is { } shot)
        {
            runner.RenderScreenshot(shot.AfterTicks, _ => card.Draw(ticks), shot.Path);
            output.WriteLine($"wrote {shot.Path}");
            return 0;
        }

        runner.RunInteractive(
            input =>
            {
                lastInput = input;
                return !input.IsKeyPressed(Key.Escape);
            },
            _ => card.Draw(ticks, lastInput),
            new StopwatchClock());
        return 0;
    }
}
