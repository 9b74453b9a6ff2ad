using System.Numerics;
using VmQuest.Daily;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Records;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell.Widgets;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The title screen (DESIGN.md §7): continue, levels, campaign, daily challenge, sandbox, records, settings, quit.
/// Entries that cannot open (no level to continue, no level of the campaign, no sandbox) are shown disabled.
/// </summary>
public sealed class TitleScreen : ShellScreen, IAnchorScreen
{
    private ChoiceList _menu;
    private long _lastFrame = -1;

    /// <summary>Creates the title screen.</summary>
    public TitleScreen(ShellContext shell)
        : base(shell)
    {
        _menu = NewMenu();
    }

    /// <inheritdoc/>
    public override string Name => "title";

    /// <summary>The menu (for tests).</summary>
    public ChoiceList Menu => _menu;

    private ChoiceList NewMenu()
    {
        var shell = Shell;
        return new ChoiceList(
        [
            new("continue", "Continue", "继续", Key.C, Next() is not null,
                "The first open level you have not won yet.", "打开你尚未通关的第一个已开放关卡。"),
            new("levels", "Levels", "关卡", Key.L, true, "Every level, with your bests and par status.", "所有关卡，以及你的最好成绩和达标情况。"),
            new("campaign", "Campaign run", "战役挑战", Key.A, CampaignLevels().Count > 0,
                "The whole curriculum in order as one timed run: one split per level, retries cost time (Esc to the title gives it up).",
                "按课程顺序连续通关全部关卡，整体计时：每关一个分段，重试也计时（回到标题画面即放弃）。"),
            new("daily", "Daily challenge", "每日挑战", Key.D, true,
                "Today's level (by the UTC date), the same for everyone, with its own records.", "今天的关卡（按 UTC 日期），人人相同，单独记录成绩。"),
            new("sandbox", "Sandbox", "沙盒", Key.S, shell.OpenSandbox is not null,
                "The city of memory with everything unlocked: watch a machine run.", "一切解锁的内存之城：看一台机器运行。"),
            new("records", "Records", "纪录", Key.R, true, "Your personal bests on every level.", "你在每个关卡上的个人最佳成绩。"),
            new("settings", "Settings", "设置", Key.O, true, "Language, colours, UI scale and speed.", "语言、配色、界面缩放和速度。"),
            new("quit", "Quit", "退出", Key.Q, true, "Leave VmQuest.", "退出 VmQuest。"),
        ]);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("↑ ↓", "↑ ↓", "choose", "选择"),
        new("Enter / click", "Enter / 单击", "open", "打开"),
        new("C L A D S R O Q", "C L A D S R O Q", "shortcuts (right of each entry)", "快捷键（见各项右侧）"),
        new("F12", "F12", "screenshot (any screen)", "截图（任意界面）"),
        new("Esc", "Esc", "quit", "退出"),
    ];

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (input.Frame != _lastFrame + 1 && _lastFrame >= 0)
        {
            // Back from another screen (a level was won): whether there is a level to continue may have changed.
            // A campaign run still going is given up here (docs/speedrun.md); a finished one is already kept.
            Shell.Progress.CampaignAbandoned();
            var selected = _menu.Selected;
            _menu = NewMenu();
            _menu.Selected = selected;
        }

        _lastFrame = input.Frame;
        _menu.Layout(MenuArea(ui), RowHeight(ui));
        if (input.IsKeyPressed(Key.Escape))
        {
            return new ScreenTransition.Quit();
        }

        return _menu.Update(input)?.Id switch
        {
            "continue" when Next() is { } level => new ScreenTransition.Push(new BriefingScreen(Shell, level)),
            "campaign" when CampaignLevels() is { Count: > 0 } campaign => StartCampaign(campaign),
            "levels" => new ScreenTransition.Push(new LevelSelectScreen(Shell)),
            "daily" => new ScreenTransition.Push(new BriefingScreen(Shell, DailyLevel.Of(DateOnly.FromDateTime(DateTime.UtcNow)))),
            "sandbox" when Shell.OpenSandbox is { } open => new ScreenTransition.Push(open()),
            "records" => new ScreenTransition.Push(new RecordsScreen(Shell)),
            "settings" => new ScreenTransition.Push(new SettingsScreen(Shell)),
            "quit" => new ScreenTransition.Quit(),
            _ => null,
        };
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        var margin = Margin(ui);
        var titleSize = 54f * ui.Scale;
        backend.DrawText("VmQuest", new Vector2(margin * 2, margin * 1.5f), titleSize, Palette.Text);
        backend.DrawText(ui.T("You are the kernel: a game about Linux virtual memory.", "你就是内核：一款关于 Linux 虚拟内存的游戏。"),
            new Vector2(margin * 2, (margin * 1.5f) + (titleSize * 1.25f)), ui.TextSize * 1.2f, Palette.TextDim);
        DrawCityMotif(backend, ui);
        _menu.Layout(MenuArea(ui), RowHeight(ui));
        _menu.Draw(backend, ui, Math.Min(ui.TextSize * 1.2f, RowHeight(ui) * 0.46f));
        var noteY = _menu.Areas[^1].Bottom + (ui.TextSize * 1.2f);
        if (_menu.SelectedNote(ui) is { } note)
        {
            DrawWrapped(backend, note, new Vector2(MenuArea(ui).X, noteY), MenuArea(ui).Width, ui.TextSize, Palette.TextDim);
        }

        if (Shell.StartupNote is { } startup)
        {
            DrawWrapped(backend, startup, new Vector2(margin * 2, Height - KeyBar.Height(ui) - (ui.TextSize * 4)), Width - (margin * 4), ui.SmallSize, Palette.Fault);
        }
    }

    // The menu's rows shrink to fit the window (a large UI scale in a small window), never below legible.
    private float RowHeight(UiContext ui)
    {
        var free = Height - KeyBar.Height(ui) - MenuArea(ui).Y - (ui.TextSize * 2.5f);
        return Math.Max(ui.SmallSize * 1.6f, Math.Min(ui.TextSize * 2.6f, free / _menu.Choices.Count));
    }

    private RectF MenuArea(UiContext ui)
    {
        var margin = Margin(ui);
        return new RectF(margin * 2, (margin * 1.5f) + (120f * ui.Scale), Math.Min(420f * ui.Scale, Width * 0.45f), Height * 0.6f);
    }

    // A small block of the city: a row of lots coloured by use, the way the play screen draws physical memory.
    private void DrawCityMotif(IRenderBackend backend, UiContext ui)
    {
        // As tall as the menu at most, and clear of it on the right; left out when the window has no room.
        var lot = Math.Min(26f * ui.Scale, RowHeight(ui) * _menu.Choices.Count / (8 * 1.2f));
        var gap = lot * 0.16f;
        var colours = new[] { Palette.Kernel, Palette.TextPages, Palette.DataPages, Palette.Heap, Palette.Stack, Palette.PageTableBureau, Palette.FreeLot, Palette.Tlb };
        var columns = 8;
        var x0 = Width - (Margin(ui) * 3) - (columns * (lot + gap)) - (40f * ui.Scale);
        var y0 = MenuArea(ui).Y;
        if (x0 < MenuArea(ui).Right + Margin(ui))
        {
            return;
        }

        for (var row = 0; row < 8; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var colour = colours[((row * 3) + (column * 5) + (row * column)) % colours.Length];
                backend.FillRect(new RectF(x0 + (column * (lot + gap)), y0 + (row * (lot + gap)), lot, lot), colour);
            }
        }

        backend.DrawText(ui.T("the city of memory: every lot is a physical frame", "内存之城：每块地皮是一个物理页框"),
            new Vector2(x0, y0 + (8 * (lot + gap)) + gap), ui.SmallSize, Palette.TextDim);
    }

    // A campaign run: every campaign level that loads, in curriculum order, whatever the map has opened (the run
    // plays them in that order, so each level's prerequisites come before it).
    private IReadOnlyList<Level> CampaignLevels()
    {
        var present = Shell.Catalog.Select(e => e.Level).OfType<Level>().ToDictionary(l => l.Id, StringComparer.Ordinal);
        return [.. Curriculum.CampaignOrder.Where(present.ContainsKey).Select(id => present[id])];
    }

    private ScreenTransition.Push StartCampaign(IReadOnlyList<Level> levels)
    {
        Shell.Progress.CampaignStarted(RecordsStore.MainCampaign, levels);
        return new ScreenTransition.Push(new BriefingScreen(Shell, levels[0]));
    }

    // The first open level (in campaign order) not won yet; null when there are none or all open ones are won.
    private Level? Next()
    {
        var levels = Shell.Catalog.Select(e => e.Level).OfType<Level>().ToList();
        return levels.FirstOrDefault(l => !Shell.Progress.StandingOf(l).Won && Shell.LockedBy(l, Shell.Progress.StandingOf).Count == 0);
    }
}
