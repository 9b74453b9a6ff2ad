using System.Globalization;
using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>
/// The play screen's top bar: the level's title and objective on the first line; on the second each metric live
/// against its par (meeting par in the data colour, over it in the fault colour) and the run's state (waiting for
/// your decision, won, failed).
/// </summary>
public static class MetricsBar
{
    /// <summary>Draws the bar for <paramref name="session"/> into <paramref name="area"/>.</summary>
    public static void Draw(IRenderBackend backend, RectF area, UiContext ui, LevelSession session, string speed)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(session);
        backend.FillRect(area, Palette.HudBackground);
        var level = session.Level;
        var x = area.X + (12 * ui.Scale);
        var title = level.Title.For(ui.Language);
        backend.DrawText(title, new Vector2(x, area.Y + (5 * ui.Scale)), ui.HeadingSize * 0.85f, Palette.HudText);
        var titleWidth = TextMeasure.Of(backend, title, ui.HeadingSize * 0.85f).X;
        var state = session.IsWon ? ui.T("won", "胜利")
            : session.IsFinished ? ui.T("failed", "失败")
            : session.IsWaiting ? ui.T("your decision", "等你决定")
            : ui.T("running", "运行中");
        var stateText = $"{state} · {speed}";
        var stateWidth = TextMeasure.Of(backend, stateText, ui.TextSize).X;
        var objective = ui.T("Goal: ", "目标：") + ObjectiveText.Of(level, ui);
        // A level with many goals has a long objective: it is cut where the run's state begins, never drawn under it.
        backend.SetClip(new RectF(area.X, area.Y, area.Width - stateWidth - (36 * ui.Scale), area.Height / 2));
        backend.DrawText(objective, new Vector2(x + titleWidth + (18 * ui.Scale), area.Y + (9 * ui.Scale)), ui.TextSize, Palette.TextDim);
        backend.SetClip(null);
        backend.DrawText(stateText, new Vector2(area.Right - stateWidth - (12 * ui.Scale), area.Y + (9 * ui.Scale)), ui.TextSize,
            session.IsWaiting ? Palette.Kernel : session.IsFinished && !session.IsWon ? Palette.Fault : Palette.HudText);

        var y = area.Y + (area.Height / 2) + (3 * ui.Scale);
        foreach (var metric in level.Metrics)
        {
            var value = session.Metric(metric.Kind);
            var meets = value <= metric.Par;
            var text = string.Create(CultureInfo.InvariantCulture, $"{MetricWords.Of(metric.Kind, ui)} {value:N0}");
            var par = string.Create(CultureInfo.InvariantCulture, $" / {ui.T("par", "标准")} {metric.Par:N0}");
            backend.DrawText(text, new Vector2(x, y), ui.TextSize, meets ? Palette.DataPages : Palette.Fault);
            x += TextMeasure.Of(backend, text, ui.TextSize).X;
            backend.DrawText(par, new Vector2(x, y), ui.TextSize, Palette.TextDim);
            x += TextMeasure.Of(backend, par, ui.TextSize).X + (26 * ui.Scale);
        }
    }
}
