using System.CommandLine;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Cli;

/// <summary>
/// Builds the hidden <c>render-test</c> command: draws the platform test card (palette, English and Chinese
/// text, lines, triangles, a texture, camera zoom) to check the graphics stack. With <c>--screenshot FILE</c>
/// it renders one frame headless, saves a PNG and exits; without, it opens a window until closed (Esc).
/// </summary>
internal static class RenderTestCommandFactory
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var screenshot = new Option<FileInfo>("--screenshot")
        {
            Description = "Render headless (no display needed), save the frame as a PNG to FILE and exit.",
            HelpName = "FILE",
        };
        var width = new Option<int>("--width") { Description = "Width in pixels.", DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = "Height in pixels.", DefaultValueFactory = _ => 720 };
        var command = new Command("render-test", "Draw the graphics test card (diagnostics).")
        {
            Hidden = true,
            Options = { screenshot, width, height },
        };
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

            var file = parseResult.GetValue(screenshot);
            return GraphicsCommandGuard.Run(error, () => file is null ? RunWindow(w, h) : SaveScreenshot(file.FullName, w, h, output));
        });
        return command;
    }

    private static int SaveScreenshot(string path, int width, int height, TextWriter output)
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(width, height));
        using var card = new RenderTestCard(backend);
        backend.PollInput();
        backend.BeginFrame();
        card.Draw(frame: 0);
        backend.SavePng(path);
        backend.EndFrame();
        output.WriteLine($"wrote {path}");
        return 0;
    }

    private static int RunWindow(int width, int height)
    {
        using var backend = new SdlRenderBackend(new SdlBackendOptions { Width = width, Height = height, Title = "VmQuest render test" });
        using var card = new RenderTestCard(backend);
        var ticks = 0L;
        var loop = new FixedStepLoop(() => ticks++, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 60), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Normal,
        };
        while (true)
        {
            var input = backend.PollInput();
            if (input.CloseRequested || input.IsKeyPressed(Key.Escape))
            {
                return 0;
            }

            loop.Advance();
            backend.BeginFrame();
            card.Draw(ticks, input);
            backend.EndFrame();
            Thread.Sleep(1); // the software renderer has no vsync; do not spin a core at 100 %
        }
    }
}
