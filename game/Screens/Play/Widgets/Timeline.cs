using System.Globalization;
using System.Numerics;
using VmQuest.Platform;
using VmQuest.Replays;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>
/// The tick bar of a run: from tick 0 to the run's length (or a little past the current tick when the length is not
/// known), the decisions as marks (refused ones in the fault colour), the current tick as the cursor. Dragging or
/// clicking picks a tick; the play screen rewinds there on release ([ and ] step between decisions).
/// </summary>
public sealed class Timeline
{
    private bool _dragging;

    /// <summary>The tick under the pointer while dragging, or null.</summary>
    public long? DragTick { get; private set; }

    /// <summary>The span the bar shows: the run's length, or the current tick with room to grow.</summary>
    public static long SpanOf(long tick, long? length) => Math.Max(1, length ?? Math.Max(16, tick + (tick / 4) + 4));

    /// <summary>The bar itself inside the timeline area (room for the caption on the left).</summary>
    public static RectF BarOf(RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var left = 170 * ui.Scale;
        return new RectF(area.X + left, area.Y + (area.Height * 0.3f), Math.Max(10, area.Width - left - (16 * ui.Scale)), area.Height * 0.4f);
    }

    /// <summary>The tick at screen x <paramref name="x"/> on <paramref name="bar"/> showing <paramref name="span"/> ticks.</summary>
    public static long TickAt(RectF bar, float x, long span) =>
        Math.Clamp((long)MathF.Round((x - bar.X) / bar.Width * span), 0, span);

    /// <summary>Reads the mouse; returns the tick picked (the mouse released after a press or drag on the bar), or null.</summary>
    public long? Update(InputState input, RectF area, UiContext ui, long tick, long? length)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bar = BarOf(area, ui);
        var span = SpanOf(tick, length);
        var grab = new RectF(bar.X - 6, area.Y, bar.Width + 12, area.Height);
        if (input.IsMousePressed(MouseButton.Left) && grab.Contains(input.MousePosition))
        {
            _dragging = true;
        }

        if (!_dragging)
        {
            return null;
        }

        DragTick = TickAt(bar, input.MousePosition.X, span);
        if (input.IsMouseDown(MouseButton.Left))
        {
            return null;
        }

        _dragging = false;
        var picked = DragTick;
        DragTick = null;
        return picked;
    }

    /// <summary>Draws the bar for a run at <paramref name="tick"/> with <paramref name="actions"/> applied so far.</summary>
    public void Draw(IRenderBackend backend, RectF area, UiContext ui, long tick, long? length, IReadOnlyList<ReplayAction> actions, string mistakeKind)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(actions);
        backend.FillRect(area, Palette.HudBackground);
        var caption = length is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{ui.T("tick", "时刻")} {tick} / {total}")
            : string.Create(CultureInfo.InvariantCulture, $"{ui.T("tick", "时刻")} {tick}");
        backend.DrawText(caption, new Vector2(area.X + (10 * ui.Scale), area.Y + ((area.Height - ui.TextSize) / 2) - 2), ui.TextSize, Palette.HudText);
        var bar = BarOf(area, ui);
        var span = SpanOf(tick, length);
        backend.FillRect(bar, Palette.FreeLot);
        var done = bar with { Width = bar.Width * Math.Min(1f, (float)tick / span) };
        backend.FillRect(done, Palette.Swap);
        foreach (var action in actions)
        {
            var x = bar.X + (bar.Width * Math.Min(1f, (float)action.Tick / span));
            var colour = action.Kind == mistakeKind ? Palette.Fault : Palette.Kernel;
            backend.FillRect(new RectF(x - 1, bar.Y - 3, 3, bar.Height + 6), colour);
        }

        var cursor = bar.X + (bar.Width * Math.Min(1f, (float)tick / span));
        backend.FillRect(new RectF(cursor - 2, area.Y + 2, 4, area.Height - 4), Palette.Highlight);
        if (DragTick is { } drag)
        {
            var x = bar.X + (bar.Width * Math.Min(1f, (float)drag / span));
            backend.DrawRect(new RectF(x - 3, area.Y + 2, 6, area.Height - 4), Palette.Tlb, 2);
            var label = string.Create(CultureInfo.InvariantCulture, $"{ui.T("rewind to", "回退到")} {Math.Min(drag, tick)}");
            backend.DrawText(label, new Vector2(Math.Min(x + 6, bar.Right - 120), area.Y), ui.SmallSize, Palette.Tlb);
        }
    }
}
