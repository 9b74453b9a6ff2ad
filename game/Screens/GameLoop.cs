using System.Globalization;
using VmQuest.Engine.Formats.Output;
using VmQuest.Platform;
using VmQuest.Screens.Shell;

namespace VmQuest.Screens;

/// <summary>
/// The game's window loop: each frame samples input, updates the top screen of the <see cref="ScreenStack"/>,
/// draws the stack and presents, through <see cref="FrameRunner"/> (screens that simulate — play, sandbox — advance
/// their own fixed-step loops in their update). Also the one-frame headless render behind <c>--screenshot</c>.
/// </summary>
public static class GameLoop
{
    /// <summary>
    /// Runs until a screen quits, the last screen closes or the window is closed; returns the frames presented. F12 on
    /// any screen saves the frame as <c>vmquest-SCREEN-N.png</c> in the current directory and writes
    /// <c>wrote PATH</c> on <paramref name="output"/> (a failure is one line there too, and the game goes on).
    /// </summary>
    public static long Run(IRenderBackend backend, ScreenStack stack, ShellContext shell, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(shell);
        var runner = new FrameRunner(backend, IdleLoop());
        var shots = 0;
        var shotAsked = false;
        runner.RunInteractive(
            input =>
            {
                shotAsked |= input.IsKeyPressed(Key.F12);
                return stack.Update(input, shell.Ui);
            },
            b => stack.Draw(b, shell.Ui),
            new StopwatchClock(),
            b =>
            {
                if (!shotAsked || output is null)
                {
                    return;
                }

                shotAsked = false;
                var path = Path.GetFullPath(string.Create(CultureInfo.InvariantCulture, $"vmquest-{stack.Top?.Name ?? "game"}-{++shots}.png"));
                try
                {
                    b.SavePng(path);
                    output.WriteLine($"wrote {path}");
                }
                catch (Exception e) when (e is OutputFileException or IOException or UnauthorizedAccessException)
                {
                    output.WriteLine($"vmquest: F12 could not save the screenshot: {e.Message}");
                }

                output.Flush();
            });
        return runner.Frames;
    }

    /// <summary>
    /// Updates the stack <paramref name="frames"/> times with no input (so screens lay themselves out and settle),
    /// then draws one frame and saves it as a PNG at <paramref name="path"/>. Depends only on the game's state.
    /// </summary>
    public static void Screenshot(IRenderBackend backend, ScreenStack stack, ShellContext shell, string path, int frames = 1)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(shell);
        var input = new InputState();
        for (var i = 0; i < frames; i++)
        {
            input.BeginFrame();
            stack.Update(input, shell.Ui);
        }

        new FrameRunner(backend, IdleLoop()).RenderScreenshot(0, b => stack.Draw(b, shell.Ui), path);
    }

    // The runner's own loop: the shell has no simulation of its own, so it never ticks.
    private static FixedStepLoop IdleLoop() => new(() => { }, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(1));
}
