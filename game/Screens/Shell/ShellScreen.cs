using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell.Widgets;

namespace VmQuest.Screens.Shell;

/// <summary>
/// What the shell's menu screens have in common: they are menu time for the speedrun clocks, cover the whole window,
/// draw a heading and a key bar, and lay themselves out from the backend's size.
/// </summary>
public abstract class ShellScreen : IScreen
{
    /// <summary>Creates the screen over <paramref name="shell"/>.</summary>
    protected ShellScreen(ShellContext shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        Shell = shell;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public bool IsMenu => true;

    /// <inheritdoc/>
    public bool IsOverlay => false;

    /// <summary>The keys this screen answers to, for its key bar (both languages).</summary>
    public abstract IReadOnlyList<ControlHelp> Controls { get; }

    /// <summary>The shared context.</summary>
    protected ShellContext Shell { get; }

    /// <summary>The window's width.</summary>
    protected float Width => Shell.Backend.Width;

    /// <summary>The window's height.</summary>
    protected float Height => Shell.Backend.Height;

    /// <summary>The margin around a screen's content.</summary>
    protected static float Margin(UiContext ui) => 28f * ui.Scale;

    /// <inheritdoc/>
    public abstract ScreenTransition? Update(InputState input, UiContext ui);

    /// <inheritdoc/>
    public void Draw(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        backend.Clear(Palette.Background);
        DrawContent(backend, ui);
        KeyBar.Draw(backend, ui, Controls);
    }

    /// <summary>Draws everything but the ground and the key bar.</summary>
    protected abstract void DrawContent(IRenderBackend backend, UiContext ui);

    /// <summary>Draws a screen's heading at the top left; returns the y below it.</summary>
    protected static float DrawHeading(IRenderBackend backend, UiContext ui, string heading)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        var margin = Margin(ui);
        backend.DrawText(heading, new Vector2(margin, margin * 0.8f), ui.HeadingSize * 1.2f, Palette.Text);
        var below = (margin * 0.8f) + (ui.HeadingSize * 1.2f) + (ui.TextSize * 0.6f);
        backend.DrawLine(new Vector2(margin, below), new Vector2(backend.Width - margin, below), Palette.TextDim);
        return below + (ui.TextSize * 0.8f);
    }

    /// <summary>Draws <paramref name="text"/> wrapped to <paramref name="width"/>; returns the y below it.</summary>
    protected static float DrawWrapped(IRenderBackend backend, string text, Vector2 at, float width, float size, Colour colour, float lineSpacing = 1.45f)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var y = at.Y;
        // Wrapping measures every piece: remembered, not redone each frame.
        var lines = Play.Widgets.TextMeasure.Wrapped(backend, text, size, width,
            () => TextWrap.Lines(text, width, t => Play.Widgets.TextMeasure.Of(backend, t, size).X));
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                backend.DrawText(line, new Vector2(at.X, y), size, colour);
            }

            y += size * lineSpacing;
        }

        return y;
    }

    /// <summary>Esc (or the mouse's back button) was pressed this frame.</summary>
    protected static bool Back(InputState input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.IsKeyPressed(Key.Escape) || input.IsKeyPressed(Key.Backspace) || input.IsMousePressed(MouseButton.Right);
    }
}
