using System.Numerics;
using VmQuest.City;
using VmQuest.Platform;

namespace VmQuest.Cli;

/// <summary>The <c>--screenshot FILE --after-ticks N</c> of every city command: exactly N ticks, then one frame saved as a PNG.</summary>
internal static class CityScreenshot
{
    /// <summary>
    /// Runs <paramref name="shot"/>.AfterTicks ticks (a finished run ticks for free), updates the view once so its caches
    /// show the final state (with the mouse at <paramref name="pointer"/>, for a tooltip), and saves the frame.
    /// </summary>
    public static int Take(IRenderBackend backend, CityView view, FixedStepLoop loop, (string Path, long AfterTicks) shot, Vector2? pointer, TextWriter output)
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
        view.Update(input);
        new FrameRunner(backend, loop).RenderScreenshot(0, view.Draw, shot.Path);
        output.WriteLine($"wrote {shot.Path}");
        return 0;
    }
}
