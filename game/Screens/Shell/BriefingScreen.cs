using System.Globalization;
using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The briefing (DESIGN.md §7): the concept in a few sentences (wrapped; Chinese wraps between characters), a small
/// picture, the controls of the level's mechanic, and the pars with the optimum; Enter starts the level.
/// </summary>
public sealed class BriefingScreen : ShellScreen
{
    private readonly Widgets.ClickTracker _clicks = new();
    private bool _showHint;
    private string? _note;

    /// <summary>Creates the briefing of <paramref name="level"/>.</summary>
    public BriefingScreen(ShellContext shell, Level level)
        : base(shell)
    {
        ArgumentNullException.ThrowIfNull(level);
        Level = level;
    }

    /// <inheritdoc/>
    public override string Name => "briefing";

    /// <summary>The level.</summary>
    public Level Level { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("Enter / click Start", "Enter / 单击“开始”", "start the level", "开始关卡"),
        new("H", "H", "show the hint", "显示提示"),
        new("Esc / right click", "Esc / 右键", "back", "返回"),
    ];

    /// <summary>The start button's area (for the mouse and tests).</summary>
    public RectF StartButton(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var width = 200f * ui.Scale;
        var height = ui.TextSize * 2.6f;
        return new RectF(Width - Margin(ui) - width, Height - Widgets.KeyBar.Height(ui) - Margin(ui) - height, width, height);
    }

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        if (input.IsKeyPressed(Key.H))
        {
            _showHint = !_showHint;
        }

        var start = input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) || _clicks.Update(input, [StartButton(ui)]) == 0;
        if (!start)
        {
            return null;
        }

        if (Shell.OpenLevel is not { } open)
        {
            _note = ui.T("This build has no play screen.", "此版本没有游戏界面。");
            return null;
        }

        try
        {
            return new ScreenTransition.Push(open(Level));
        }
        catch (Engine.Formats.FormatParseException e)
        {
            _note = e.Message; // e.g. a mechanic no session plays yet: one line, the game goes on
            return null;
        }
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        var top = DrawHeading(backend, ui, Level.Title.For(ui.Language));
        var margin = Margin(ui);
        var mechanics = string.Join(" + ", Level.Player.Mechanics.Select(m => ShellWords.MechanicName(m, ui)));
        backend.DrawText(ui.T($"You decide: {mechanics}", $"由你决定：{mechanics}"), new Vector2(margin, top - (ui.TextSize * 0.3f)), ui.TextSize, Palette.Tlb);
        var leftWidth = (Width * 0.56f) - margin;
        var y = DrawWrapped(backend, Level.Briefing.For(ui.Language), new Vector2(margin, top + (ui.TextSize * 1.8f)), leftWidth, ui.TextSize * 1.1f, Palette.Text);
        y += ui.TextSize;
        if (_showHint)
        {
            y = DrawWrapped(backend, ui.T("Hint: ", "提示：") + Level.Hint.For(ui.Language), new Vector2(margin, y), leftWidth, ui.TextSize, Palette.Kernel);
        }
        else
        {
            backend.DrawText(ui.T("Press H for a hint.", "按 H 查看提示。"), new Vector2(margin, y), ui.TextSize, Palette.TextDim);
            y += ui.TextSize * 1.5f;
        }

        DrawControls(backend, ui, new Vector2(margin, y + ui.TextSize), leftWidth);
        var rightX = Width * 0.58f;
        var rightWidth = Width - rightX - margin;
        var pictureHeight = 230f * ui.Scale;
        BriefingPicture.Draw(backend, ui, new RectF(rightX, top, rightWidth, pictureHeight), Level);
        DrawPars(backend, ui, new Vector2(rightX, top + pictureHeight + ui.TextSize));
        var button = StartButton(ui);
        backend.FillRect(button, Palette.TextPages);
        backend.DrawRect(button, Palette.Highlight, 2f);
        var label = ui.T("Start  ▶", "开始  ▶");
        var size = ui.TextSize * 1.2f;
        var width = VmQuest.Screens.Play.Widgets.TextMeasure.Of(backend, label, size).X;
        backend.DrawText(label, new Vector2(button.X + ((button.Width - width) / 2), button.Y + ((button.Height - size) / 2)), size, Palette.LabelOn(Palette.TextPages));
        if (_note is { } note)
        {
            DrawWrapped(backend, note, new Vector2(margin, button.Y), button.X - (2 * margin), ui.SmallSize, Palette.Fault);
        }
    }

    private void DrawControls(IRenderBackend backend, UiContext ui, Vector2 at, float width)
    {
        backend.DrawText(ui.T("Controls on the play screen", "游戏界面的操作"), at, ui.TextSize, Palette.TextDim);
        var y = at.Y + (ui.TextSize * 1.6f);
        var controls = MechanicPanels.For(Level.Player.Mechanics[0])?.Controls;
        if (controls is null || controls.Count == 0)
        {
            DrawWrapped(backend, ui.T("The play screen's key bar lists them.", "游戏界面底部的按键栏会列出它们。"), new Vector2(at.X, y), width, ui.SmallSize, Palette.TextDim);
            return;
        }

        foreach (var control in controls)
        {
            backend.DrawText(control.KeysIn(ui), new Vector2(at.X, y), ui.SmallSize, Palette.HudText);
            // A description that wraps pushes the next control down instead of running into it.
            var below = DrawWrapped(backend, control.WhatIn(ui), new Vector2(at.X + (width * 0.34f), y), width * 0.66f, ui.SmallSize, Palette.TextDim, 1.3f);
            y = Math.Max(y + (ui.SmallSize * 1.6f), below + (ui.SmallSize * 0.3f));
        }
    }

    private void DrawPars(IRenderBackend backend, UiContext ui, Vector2 at)
    {
        backend.DrawText(ui.T("Pars (lower is better)", "标准（越低越好）"), at, ui.TextSize, Palette.TextDim);
        var y = at.Y + (ui.TextSize * 1.7f);
        var standing = Shell.Progress.StandingOf(Level);
        foreach (var metric in Level.Metrics)
        {
            var optimum = Level.Optimum.FirstOrDefault(o => o.Metric == metric.Kind);
            var optimumText = optimum is null ? "" : optimum.Kind switch
            {
                OptimumKind.Bound => ui.T($"  · best possible {optimum.Bound:N0}", $"  · 理论最优 {optimum.Bound:N0}"),
                OptimumKind.OptFaults => ui.T("  · optimum: Belady's OPT", "  · 最优：Belady 的 OPT"),
                _ => ui.T("  · optimum computed", "  · 最优值由游戏计算"),
            };
            var best = standing.Bests.FirstOrDefault(b => b.Metric == metric.Name).Best;
            var bestText = best is { } b ? ui.T($"  · your best {b:N0}", $"  · 你的最佳 {b:N0}") : "";
            backend.DrawText(string.Create(CultureInfo.InvariantCulture, $"{ShellWords.MetricName(metric.Kind, ui)}  ≤ {metric.Par:N0}{optimumText}{bestText}"),
                new Vector2(at.X, y), ui.TextSize, Palette.Text);
            y += ui.TextSize * 1.5f;
        }
    }
}
