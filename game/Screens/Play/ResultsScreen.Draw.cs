using System.Globalization;
using System.Numerics;
using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>Drawing the results: reads the result only.</summary>
public sealed partial class ResultsScreen
{
    /// <summary>Height of one metric's row.</summary>
    private const float RowHeight = 92;

    /// <inheritdoc/>
    public void Draw(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        _size = (backend.Width, backend.Height);
        backend.Clear(Palette.Background);
        var result = Result;
        var x = 40 * ui.Scale;
        var y = 24 * ui.Scale;
        var heading = result.Won ? ui.T("Level complete", "过关") : ui.T("Level failed", "未能过关");
        backend.DrawText(heading, new Vector2(x, y), ui.HeadingSize * 1.4f, result.Won ? Palette.DataPages : Palette.Fault);
        var headingWidth = TextMeasure.Of(backend, heading, ui.HeadingSize * 1.4f).X;
        backend.DrawText(LevelOf(result).Title.For(ui.Language), new Vector2(x + headingWidth + (20 * ui.Scale), y + (8 * ui.Scale)), ui.HeadingSize, Palette.HudText);
        y += 48 * ui.Scale;
        var menu = MenuArea(_size, ui);
        var width = menu.X - x - (40 * ui.Scale);
        if (result.FailureIn(ui.Language) is { } why)
        {
            y = TextBlock.Draw(backend, ui.T("Why: ", "原因：") + why, new Vector2(x, y), ui.TextSize, width, Palette.Fault, maxLines: 3) + (6 * ui.Scale);
        }

        var parsMet = result.Metrics.Count(m => m.MeetsPar);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{ui.T("pars met", "达标")} {parsMet} / {result.Metrics.Count}{(result.OnFrontier ? ui.T(" · a new personal best", " · 新的个人最佳") : string.Empty)}");
        backend.DrawText(summary, new Vector2(x, y), ui.TextSize, parsMet == result.Metrics.Count ? Palette.DataPages : Palette.HudText);
        y += 30 * ui.Scale;
        foreach (var metric in result.Metrics)
        {
            DrawMetric(backend, new RectF(x, y, width, RowHeight * ui.Scale), metric, ui);
            y += RowHeight * ui.Scale;
        }

        DrawTimes(backend, new Vector2(x, y + (4 * ui.Scale)), ui);
        if (result.Note is { } note)
        {
            TextBlock.Draw(backend, note, new Vector2(x, y + (30 * ui.Scale)), ui.SmallSize, width, Palette.TextDim, maxLines: 2);
        }

        _menu.Draw(backend, menu, ui);
        if (SaveNote is { } saved)
        {
            TextBlock.Draw(backend, saved, new Vector2(menu.X, menu.Bottom + (12 * ui.Scale)), ui.SmallSize, menu.Width, saved.StartsWith('✓') ? Palette.DataPages : Palette.Fault, maxLines: 4);
        }

        if (SaveAsPath is { } typing)
        {
            DrawSaveAs(backend, ui, typing);
        }

        var keys = new RectF(0, backend.Height - KeyBar.HeightFor(ui), backend.Width, KeyBar.HeightFor(ui));
        KeyBar.Draw(backend, keys, ControlsOf(_menu), ui);
    }

    // One metric: its name and figures on top, then the bar: the value filled (meeting par or not), the par, the
    // previous best and the optimum as marks on the same scale.
    private static void DrawMetric(IRenderBackend backend, RectF row, MetricResult metric, UiContext ui)
    {
        var size = ui.TextSize;
        var name = MetricName(metric, ui);
        backend.DrawText(name, new Vector2(row.X, row.Y), size * 1.1f, Palette.HudText);
        var nameWidth = TextMeasure.Of(backend, name, size * 1.1f).X;
        var value = Number(metric.Value);
        backend.DrawText(value, new Vector2(row.X + nameWidth + (12 * ui.Scale), row.Y), size * 1.1f, metric.MeetsPar ? Palette.DataPages : Palette.Fault);
        var after = row.X + nameWidth + (12 * ui.Scale) + TextMeasure.Of(backend, value, size * 1.1f).X + (14 * ui.Scale);
        var details = new List<string> { $"{ui.T("par", "标准")} {Number(metric.Par)}" };
        details.Add(metric.PersonalBest is { } best ? $"{ui.T("best before", "此前最佳")} {Number(best)}" : ui.T("first attempt", "首次尝试"));
        if (metric.Optimum is { } optimum)
        {
            details.Add($"{ui.T("optimum", "最优")} {Number(optimum)}");
        }

        if (metric.RatioToOptimum is { } ratio)
        {
            details.Add(ui.T(string.Create(CultureInfo.InvariantCulture, $"×{ratio:0.00} of optimum"), string.Create(CultureInfo.InvariantCulture, $"最优的 {ratio:0.00} 倍")));
        }

        backend.DrawText(string.Join(" · ", details), new Vector2(after, row.Y + (2 * ui.Scale)), size, Palette.TextDim);
        if (metric.IsNewRecord)
        {
            var tag = ui.T("NEW RECORD", "新纪录");
            var tagWidth = TextMeasure.Of(backend, tag, ui.SmallSize).X + (12 * ui.Scale);
            var tagBox = new RectF(row.Right - tagWidth, row.Y, tagWidth, ui.SmallSize + (8 * ui.Scale));
            backend.FillRect(tagBox, Palette.Kernel);
            backend.DrawText(tag, new Vector2(tagBox.X + (6 * ui.Scale), tagBox.Y + (2 * ui.Scale)), ui.SmallSize, Palette.LabelOn(Palette.Kernel));
        }

        var bar = new RectF(row.X, row.Y + (30 * ui.Scale), row.Width, 22 * ui.Scale);
        var scale = Math.Max(1, new[] { metric.Value, metric.Par, metric.PersonalBest ?? 0, metric.Optimum ?? 0 }.Max()) * 1.15;
        float At(long v) => bar.X + (float)(bar.Width * (v / scale));
        backend.FillRect(bar, Palette.FreeLot);
        backend.FillRect(bar with { Width = At(metric.Value) - bar.X }, metric.MeetsPar ? Palette.DataPages : Palette.Fault);
        // Every mark's label goes under the bar (above it, it would run into the details line), left to right, each
        // pushed right of the one before when their marks are close.
        var marks = new List<(float X, Colour Colour, string Label)> { (At(metric.Par), Palette.Kernel, ui.T("par", "标准")) };
        if (metric.Optimum is { } opt)
        {
            marks.Add((At(opt), Palette.Highlight, ui.T("opt", "最优")));
        }

        if (metric.PersonalBest is { } pb)
        {
            marks.Add((At(pb), Palette.Tlb, ui.T("best", "最佳")));
        }

        var labelEnd = float.MinValue;
        foreach (var (x, colour, label) in marks.OrderBy(m => m.X))
        {
            backend.FillRect(new RectF(x - 2, bar.Y - (4 * ui.Scale), 4, bar.Height + (8 * ui.Scale)), colour);
            var labelX = Math.Max(x + 4, labelEnd + (8 * ui.Scale));
            backend.DrawText(label, new Vector2(labelX, bar.Bottom + (4 * ui.Scale)), ui.SmallSize, colour);
            labelEnd = labelX + TextMeasure.Of(backend, label, ui.SmallSize).X;
        }
    }

    private void DrawTimes(IRenderBackend backend, Vector2 at, UiContext ui)
    {
        var times = Result.Times;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{ui.T("cycles", "周期")} {times.Cycles:N0} · {ui.T("real time", "实际时间")} {Clock(times.RealMs)} · {ui.T("load-removed", "去除加载")} {Clock(times.LoadRemovedMs)}");
        backend.DrawText(text, at, ui.TextSize, Palette.HudText);
    }

    private static void DrawSaveAs(IRenderBackend backend, UiContext ui, string typing)
    {
        var box = new RectF(40 * ui.Scale, backend.Height - (120 * ui.Scale), backend.Width - (80 * ui.Scale), 70 * ui.Scale);
        backend.FillRect(box, Palette.HudBackground);
        backend.DrawRect(box, Palette.Tlb, 2);
        backend.DrawText(ui.T("Save the replay as (Enter saves, Esc cancels):", "回放另存为（Enter 保存，Esc 取消）："),
            new Vector2(box.X + (12 * ui.Scale), box.Y + (8 * ui.Scale)), ui.SmallSize, Palette.TextDim);
        backend.DrawText(typing + "_", new Vector2(box.X + (12 * ui.Scale), box.Y + (32 * ui.Scale)), ui.TextSize, Palette.HudText);
    }

    private static string Clock(long ms) => string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}:{ms / 1000 % 60:00}.{ms % 1000:000}");
}
