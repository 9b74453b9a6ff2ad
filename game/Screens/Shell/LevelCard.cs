using System.Globalization;
using System.Numerics;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell;

/// <summary>
/// One level on the level select: its place in the campaign, its title in the UI's language, its mechanic, and each
/// metric with its par and the personal best (a tick where the best meets par) — or, for a file that did not load,
/// the one-line error. A locked level is drawn dimmed, its last line naming the levels that open it.
/// </summary>
public static class LevelCard
{
    /// <summary>Draws <paramref name="entry"/> into <paramref name="area"/>; <paramref name="standing"/> is null for a broken file.</summary>
    public static void Draw(IRenderBackend backend, UiContext ui, RectF area, LevelCatalogEntry entry, LevelStanding? standing, bool selected) =>
        Draw(backend, ui, area, entry, standing, selected, []);

    /// <summary>
    /// Draws <paramref name="entry"/> into <paramref name="area"/>, locked when <paramref name="lockedBy"/> (the
    /// levels still to clear before it opens) is not empty.
    /// </summary>
    public static void Draw(IRenderBackend backend, UiContext ui, RectF area, LevelCatalogEntry entry, LevelStanding? standing, bool selected, IReadOnlyList<Level> lockedBy)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lockedBy);
        var locked = lockedBy.Count > 0;
        backend.FillRect(area, locked ? Palette.Background : Palette.HudBackground);
        backend.DrawRect(area, selected ? Palette.Tlb : Palette.FreeLot, selected ? 3f : 1f);
        var pad = 12f * ui.Scale;
        var x = area.X + pad;
        var y = area.Y + pad;
        backend.SetClip(area);
        if (entry.Level is not { } level)
        {
            backend.DrawText(ui.T("This level file did not load", "此关卡文件无法加载"), new Vector2(x, y), ui.TextSize * 1.1f, Palette.Fault);
            y += ui.TextSize * 1.9f;
            var problem = entry.Problem ?? entry.Path;
            var width = area.Width - (2 * pad);
            var lines = Play.Widgets.TextMeasure.Wrapped(backend, problem, ui.SmallSize, width,
                () => Widgets.TextWrap.Lines(problem, width, t => Play.Widgets.TextMeasure.Of(backend, t, ui.SmallSize).X));
            foreach (var line in lines)
            {
                backend.DrawText(line, new Vector2(x, y), ui.SmallSize, Palette.TextDim);
                y += ui.SmallSize * 1.4f;
            }

            backend.SetClip(null);
            return;
        }

        var position = Curriculum.PositionOf(level.Id) is { } place ? place.ToString(CultureInfo.InvariantCulture) + ". " : "";
        backend.DrawText(position + level.Title.For(ui.Language), new Vector2(x, y), ui.TextSize * 1.2f, locked ? Palette.TextDim : Palette.Text);
        y += ui.TextSize * 1.8f;
        var mechanics = string.Join(" + ", level.Player.Mechanics.Select(m => ShellWords.MechanicName(m, ui)));
        backend.DrawText($"{mechanics} · {level.Id} v{level.Version}", new Vector2(x, y), ui.SmallSize, Palette.TextDim);
        if (locked)
        {
            DrawLocked(backend, ui, area, new Vector2(x, y + (ui.SmallSize * 2.2f)), lockedBy);
            backend.SetClip(null);
            return;
        }

        y += ui.SmallSize * 2f;
        var columnPar = x + (area.Width * 0.42f);
        var columnBest = x + (area.Width * 0.64f);
        backend.DrawText(ui.T("metric", "指标"), new Vector2(x, y), ui.SmallSize, Palette.TextDim);
        backend.DrawText(ui.T("par", "标准"), new Vector2(columnPar, y), ui.SmallSize, Palette.TextDim);
        backend.DrawText(ui.T("your best", "你的最佳"), new Vector2(columnBest, y), ui.SmallSize, Palette.TextDim);
        y += ui.SmallSize * 1.5f;
        foreach (var metric in level.Metrics)
        {
            var best = standing?.Bests.FirstOrDefault(b => b.Metric == metric.Name).Best;
            backend.DrawText(ShellWords.MetricName(metric.Kind, ui), new Vector2(x, y), ui.SmallSize, Palette.Text);
            backend.DrawText(metric.Par.ToString("N0", CultureInfo.InvariantCulture), new Vector2(columnPar, y), ui.SmallSize, Palette.Text);
            var bestText = best is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) + (b <= metric.Par ? " ✓" : " ✗") : "—";
            backend.DrawText(bestText, new Vector2(columnBest, y), ui.SmallSize, best is { } v && v <= metric.Par ? Palette.DataPages : Palette.TextDim);
            y += ui.SmallSize * 1.45f;
        }

        var status = standing is null || standing.Attempts == 0
            ? ui.T("not played yet", "尚未挑战")
            : ui.T($"{standing.ParsMet}/{standing.ParCount} pars met · {standing.Attempts} attempts{(standing.Won ? " · won" : "")}",
                   $"达标 {standing.ParsMet}/{standing.ParCount} · 尝试 {standing.Attempts} 次{(standing.Won ? " · 已通关" : "")}");
        backend.DrawText(status, new Vector2(x, area.Bottom - pad - ui.SmallSize), ui.SmallSize, standing?.Won == true ? Palette.DataPages : Palette.TextDim);
        backend.SetClip(null);
    }

    /// <summary>The line a locked card and the level select's status say: which levels to clear first, in the UI's language.</summary>
    public static string OpensAfter(UiContext ui, IReadOnlyList<Level> lockedBy)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(lockedBy);
        var names = lockedBy.Select(l => (Curriculum.PositionOf(l.Id) is { } p ? p.ToString(CultureInfo.InvariantCulture) + ". " : "") + l.Title.For(ui.Language));
        return ui.T($"Opens after you clear: {string.Join(", ", names)}", $"通关以下关卡后开放：{string.Join("、", names)}");
    }

    // A locked card: a lock line and the levels that open it, wrapped to the card, instead of the bests.
    private static void DrawLocked(IRenderBackend backend, UiContext ui, RectF area, Vector2 at, IReadOnlyList<Level> lockedBy)
    {
        backend.DrawText(ui.T("Locked", "未解锁"), at, ui.TextSize, Palette.Highlight);
        var y = at.Y + (ui.TextSize * 1.7f);
        var text = OpensAfter(ui, lockedBy);
        var width = area.Right - at.X - (12f * ui.Scale);
        var lines = Play.Widgets.TextMeasure.Wrapped(backend, text, ui.SmallSize, width,
            () => Widgets.TextWrap.Lines(text, width, t => Play.Widgets.TextMeasure.Of(backend, t, ui.SmallSize).X));
        foreach (var line in lines)
        {
            backend.DrawText(line, new Vector2(at.X, y), ui.SmallSize, Palette.Text);
            y += ui.SmallSize * 1.45f;
        }
    }
}
