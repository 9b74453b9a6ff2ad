using System.Numerics;
using VmQuest.City;
using VmQuest.Platform;

namespace VmQuest.Cli;

/// <summary>The <c>--screenshot FILE --after-ticks N</c> of every city command: exactly N ticks, then one frame saved as a PNG.</summary>
internal static class CityScreenshot
{
    /// <summary>
    /// Runs <paramref name="shot"/>.AfterTicks ticks (a finished run ticks for free), updates the view once so its caches
    /// show the final state (with the mouse at <paramref name="pointer"/>, for a tooltip), and saves the frame. A
    /// <paramref name="click"/> is a left click there first, so the frame shows what it selects.
    /// </summary>
    public static int Take(IRenderBackend backend, CityView view, FixedStepLoop loop, (string Path, long AfterTicks) shot, Vector2? pointer, TextWriter output, Vector2? click = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(output);
        loop.RunTicks(shot.AfterTicks);
        var input = backend.PollInput();
        if (pointer is { } at)
        {
            input.MoveMouse(at);
        }

        view.RefreshEverything();
        if (click is { } spot)
        {
            // Press and release at the spot in one frame (no drag), then put the mouse back for the hover.
            var mouse = input.MousePosition;
            input.MoveMouse(spot);
            input.PressMouse(MouseButton.Left);
            input.ReleaseMouse(MouseButton.Left);
            view.Update(input);
            input.BeginFrame();
            input.MoveMouse(mouse);
        }

        view.Update(input);
        new FrameRunner(backend, loop).RenderScreenshot(0, view.Draw, shot.Path);
        output.WriteLine($"wrote {shot.Path}");
        return 0;
    }
}
