using System.Globalization;
using VmQuest.City;
using VmQuest.Engine.Formats.Output;
using VmQuest.Platform;

namespace VmQuest.Cli;

/// <summary>
/// F12 in a city window: the frame just drawn goes to <c>vmquest-WHAT-TICK.png</c> in the current directory. A
/// failure (a full disk, a folder you may not write) is a note in the HUD, never the end of the session.
/// </summary>
internal static class ScreenshotKey
{
    /// <summary>Saves the frame when the view asked for it this frame (call after drawing, before presenting).</summary>
    public static void SaveIfAsked(IRenderBackend backend, CityView view, string what, long tick, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(output);
        if (!view.TakeScreenshotRequest())
        {
            return;
        }

        var path = Path.GetFullPath(string.Create(CultureInfo.InvariantCulture, $"vmquest-{what}-{tick}.png"));
        try
        {
            backend.SavePng(path);
            output.WriteLine($"wrote {path}");
            view.ScreenshotNote = $"F12 wrote {Path.GetFileName(path)}";
        }
        catch (Exception e) when (e is OutputFileException or IOException or UnauthorizedAccessException)
        {
            view.ScreenshotNote = $"F12 could not save the screenshot: {e.Message}";
        }
    }
}
