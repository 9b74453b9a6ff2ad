using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell.Widgets;

/// <summary>
/// The strip along the bottom of every shell screen that says what its keys do (DESIGN.md §7: "every screen … says
/// what its keys do"), in the UI's language — drawn by the play screen's key bar, so every screen's bar looks the same.
/// </summary>
public static class KeyBar
{
    /// <summary>The bar's height at <paramref name="ui"/>'s scale.</summary>
    public static float Height(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return Play.Widgets.KeyBar.HeightFor(ui);
    }

    /// <summary>Draws <paramref name="controls"/> along the bottom of the window.</summary>
    public static void Draw(IRenderBackend backend, UiContext ui, IReadOnlyList<ControlHelp> controls)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var height = Height(ui);
        Play.Widgets.KeyBar.Draw(backend, new RectF(0, backend.Height - height, backend.Width, height), controls, ui);
    }
}
