using System.Globalization;
using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The records: for every level, the attempts, whether it was won, and the personal best of each metric against
/// its par (the full Pareto frontier, splits and golds are in <c>vmquest records</c>).
/// </summary>
public sealed class RecordsScreen : ShellScreen
{
    private readonly List<Level> _levels;
    private readonly Dictionary<string, Progress.LevelStanding> _standings = new(StringComparer.Ordinal);
    private int _first;

    /// <summary>Creates the screen.</summary>
    public RecordsScreen(ShellContext shell)
        : base(shell)
    {
        _levels = [.. shell.Catalog.Select(e => e.Level).OfType<Level>()];
    }

    /// <inheritdoc/>
    public override string Name => "records";

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("↑ ↓ / wheel", "↑ ↓ / 滚轮", "scroll", "滚动"),
        new("Esc / right click", "Esc / 右键", "back", "返回"),
    ];

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        var move = (input.IsKeyPressed(Key.Down) ? 1 : 0) - (input.IsKeyPressed(Key.Up) ? 1 : 0) - Math.Sign(input.Wheel.Y);
        _first = Math.Clamp(_first + move, 0, Math.Max(0, _levels.Count - 1));
        return null;
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        var y = DrawHeading(backend, ui, ui.T("Records", "纪录"));
        var margin = Margin(ui);
        backend.DrawText(ui.T("Personal bests (lower is better); 'vmquest records' lists every attempt, the frontier and the splits.",
                "个人最佳成绩（越低越好）；“vmquest records”列出所有尝试、帕累托前沿和分段计时。"),
            new Vector2(margin, y - (ui.TextSize * 0.4f)), ui.SmallSize, Palette.TextDim);
        y += ui.TextSize * 1.4f;
        if (_levels.Count == 0)
        {
            backend.DrawText(ui.T("No levels.", "没有关卡。"), new Vector2(margin, y), ui.TextSize, Palette.TextDim);
            return;
        }

        foreach (var level in _levels.Skip(_first))
        {
            if (y > Height - Widgets.KeyBar.Height(ui) - (ui.TextSize * 3))
            {
                break;
            }

            // Records cannot change while this screen is on top: ask once per level, not every frame.
            if (!_standings.TryGetValue(level.Id, out var standing))
            {
                standing = Shell.Progress.StandingOf(level);
                _standings[level.Id] = standing;
            }

            backend.DrawText(level.Title.For(ui.Language), new Vector2(margin, y), ui.TextSize * 1.1f, Palette.Text);
            var status = standing.Attempts == 0
                ? ui.T("not played yet", "尚未挑战")
                : ui.T($"{standing.Attempts} attempts · {(standing.Won ? "won" : "not won yet")} · {standing.ParsMet}/{standing.ParCount} pars met",
                    $"尝试 {standing.Attempts} 次 · {(standing.Won ? "已通关" : "尚未通关")} · 达标 {standing.ParsMet}/{standing.ParCount}");
            backend.DrawText(status, new Vector2(Width * 0.45f, y), ui.TextSize, standing.Won ? Palette.DataPages : Palette.TextDim);
            y += ui.TextSize * 1.7f;
            var x = margin + ui.TextSize;
            foreach (var metric in level.Metrics)
            {
                var best = standing.Bests.FirstOrDefault(b => b.Metric == metric.Name).Best;
                var text = string.Create(CultureInfo.InvariantCulture,
                    $"{ShellWords.MetricName(metric.Kind, ui)} {(best is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : "—")} / {metric.Par:N0}");
                backend.DrawText(text, new Vector2(x, y), ui.SmallSize, best is { } v && v <= metric.Par ? Palette.DataPages : Palette.TextDim);
                x += VmQuest.Screens.Play.Widgets.TextMeasure.Of(backend, text, ui.SmallSize).X + (ui.TextSize * 2);
            }

            y += ui.TextSize * 2f;
        }
    }
}
