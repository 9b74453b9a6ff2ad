using System.Numerics;
using VmQuest.Levels.Catalog;
using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Play;
using VmQuest.Screens.Shell.Widgets;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The level select (DESIGN.md §7): the campaign map. Every level file of the catalogue is a card, in campaign
/// order (<see cref="Curriculum"/>), numbered by its place; an open card shows its bests and par status, a locked
/// one is dimmed and names the levels that open it, and Enter or a click on it only says so in the status line.
/// A teacher's own levels (not on the map) are always open, and so is every level with <c>--unlock-all</c> or the
/// setting. A file that fails to load is a card with its one-line error, never a crash; it cannot be opened.
/// </summary>
public sealed class LevelSelectScreen : ShellScreen, IAnchorScreen
{
    private readonly ClickTracker _clicks = new();
    private readonly List<RectF> _cards = [];
    private readonly Dictionary<string, LevelStanding> _standings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Levels.Model.Level>> _locks = new(StringComparer.Ordinal);
    private (string En, string Zh)? _status;
    private int _firstRow;
    private long _lastFrame = -1;

    /// <summary>Creates the screen; the folder is scanned again, so a level file just edited shows its new state.</summary>
    public LevelSelectScreen(ShellContext shell)
        : base(shell)
    {
        shell.Rescan();
        Entries = shell.Catalog;
        Selected = Math.Max(0, Entries.ToList().FindIndex(e => e.Level is not null));
    }

    /// <inheritdoc/>
    public override string Name => "levels";

    /// <summary>The cards' entries, in catalogue order.</summary>
    public IReadOnlyList<LevelCatalogEntry> Entries { get; }

    /// <summary>The selected card.</summary>
    public int Selected { get; private set; }

    /// <summary>The cards' areas after the last update or draw (for the mouse and tests).</summary>
    public IReadOnlyList<RectF> Cards => _cards;

    /// <summary>What the status line says (why a locked card did not open), in English and Simplified Chinese; null when it says nothing.</summary>
    public (string En, string Zh)? Status => _status;

    /// <summary>The levels still to clear before the level of card <paramref name="index"/> opens; empty when it is open (or a broken file).</summary>
    public IReadOnlyList<Levels.Model.Level> LockedBy(int index)
    {
        if (Entries[index].Level is not { } level)
        {
            return [];
        }

        if (!_locks.TryGetValue(level.Id, out var locks))
        {
            locks = Shell.LockedBy(level, StandingOf);
            _locks[level.Id] = locks;
        }

        return locks;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("← → ↑ ↓", "← → ↑ ↓", "choose a level", "选择关卡"),
        new("Enter / click", "Enter / 单击", "briefing (a locked level says what opens it)", "查看简报（未解锁的关卡会说明如何开放）"),
        new("wheel", "滚轮", "scroll", "滚动"),
        new("Esc / right click", "Esc / 右键", "back", "返回"),
    ];

    /// <inheritdoc/>
    public override ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (input.Frame != _lastFrame + 1)
        {
            _standings.Clear(); // another screen was on top (a level was played): ask the records again
            _locks.Clear();
        }

        _lastFrame = input.Frame;
        if (Back(input))
        {
            return new ScreenTransition.Pop();
        }

        if (Entries.Count == 0)
        {
            return null;
        }

        var columns = Columns(ui);
        var move = (input.IsKeyPressed(Key.Right) ? 1 : 0) - (input.IsKeyPressed(Key.Left) ? 1 : 0)
            + ((input.IsKeyPressed(Key.Down) ? 1 : 0) - (input.IsKeyPressed(Key.Up) ? 1 : 0)) * columns;
        if (move != 0)
        {
            Selected = Math.Clamp(Selected + move, 0, Entries.Count - 1);
            _status = null;
        }

        var rows = VisibleRows(ui);
        if (input.Wheel.Y != 0)
        {
            _firstRow = Math.Clamp(_firstRow - Math.Sign(input.Wheel.Y), 0, Math.Max(0, RowCount(ui) - rows));
        }
        else
        {
            // Keep the selected card in view when the keys move it.
            var row = Selected / columns;
            _firstRow = Math.Clamp(_firstRow, Math.Max(0, row - rows + 1), row);
        }

        Layout(ui);
        var hovered = ClickTracker.Hovered(input, _cards);
        if (hovered >= 0 && input.MouseDelta != Vector2.Zero)
        {
            Selected = (_firstRow * columns) + hovered;
        }

        var clicked = _clicks.Update(input, _cards);
        var open = clicked >= 0 ? (_firstRow * columns) + clicked
            : input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) ? Selected : -1;
        if (open >= 0 && open < Entries.Count && Entries[open].Level is { } level)
        {
            Selected = open;
            if (LockedBy(open) is { Count: > 0 } locks)
            {
                // A locked card refuses: the status line says which levels open it.
                var title = (level.Title.En, level.Title.ZhHans);
                var en = LevelCard.OpensAfter(new UiContext("en", 1f), locks);
                var zh = LevelCard.OpensAfter(new UiContext("zh-Hans", 1f), locks);
                _status = ($"“{title.En}” is locked. {en}.", $"“{title.ZhHans}”尚未解锁。{zh}。");
                return null;
            }

            _status = null;
            return new ScreenTransition.Push(new BriefingScreen(Shell, level));
        }

        return null;
    }

    /// <inheritdoc/>
    protected override void DrawContent(IRenderBackend backend, UiContext ui)
    {
        var top = DrawHeading(backend, ui, ui.T("Levels", "关卡"));
        var margin = Margin(ui);
        if (Entries.Count == 0)
        {
            backend.DrawText(ui.T($"No level files in {Shell.LevelDirectory}.", $"{Shell.LevelDirectory} 中没有关卡文件。"), new Vector2(margin, top), ui.TextSize, Palette.TextDim);
            return;
        }

        var open = Enumerable.Range(0, Entries.Count).Count(i => Entries[i].Level is not null && LockedBy(i).Count == 0);
        var summary = Shell.UnlockAll
            ? ui.T($"Levels open: {open} of {Entries.Count} — every level unlocked (--unlock-all or Settings).", $"开放的关卡：{open}/{Entries.Count}，全部已解锁（--unlock-all 或设置）。")
            : ui.T($"Levels open: {open} of {Entries.Count} — the campaign in order; clearing a level opens the ones after it.",
                   $"开放的关卡：{open}/{Entries.Count}，按战役顺序排列；通关一关就会开放它后面的关卡。");
        backend.DrawText(summary, new Vector2(margin, top - (ui.TextSize * 0.4f)), ui.SmallSize, Palette.TextDim);
        Layout(ui);
        var columns = Columns(ui);
        for (var i = 0; i < _cards.Count; i++)
        {
            var index = (_firstRow * columns) + i;
            var entry = Entries[index];
            LevelCard.Draw(backend, ui, _cards[i], entry, entry.Level is { } level ? StandingOf(level) : null, index == Selected, LockedBy(index));
        }

        var statusY = Height - KeyBar.Height(ui) - (ui.SmallSize * 1.6f);
        if (_status is { } status)
        {
            backend.FillRect(new RectF(0, statusY - (ui.SmallSize * 0.3f), Width, ui.SmallSize * 1.6f), Palette.Background);
            backend.DrawText(ui.T(status.En, status.Zh), new Vector2(margin, statusY), ui.SmallSize, Palette.Highlight);
            return;
        }

        if ((_firstRow + VisibleRows(ui)) < RowCount(ui))
        {
            backend.DrawText(ui.T("▼ more below (wheel or ↓)", "▼ 下方还有（滚轮或 ↓）"), new Vector2(margin, Height - KeyBar.Height(ui) - (ui.SmallSize * 1.6f)), ui.SmallSize, Palette.TextDim);
        }
    }

    private LevelStanding StandingOf(Levels.Model.Level level)
    {
        if (!_standings.TryGetValue(level.Id, out var standing))
        {
            standing = Shell.Progress.StandingOf(level);
            _standings[level.Id] = standing;
        }

        return standing;
    }

    private int Columns(UiContext ui) => Math.Max(1, (int)((Width - (2 * Margin(ui))) / (CardWidth(ui) + Gap(ui))));

    private static float CardWidth(UiContext ui) => 380f * ui.Scale;

    private static float CardHeight(UiContext ui) => 230f * ui.Scale;

    private static float Gap(UiContext ui) => 16f * ui.Scale;

    private static float GridTop(UiContext ui) => (Margin(ui) * 0.8f) + (ui.HeadingSize * 1.2f) + (ui.TextSize * 2.6f) + ui.SmallSize;

    private int RowCount(UiContext ui) => (Entries.Count + Columns(ui) - 1) / Columns(ui);

    private int VisibleRows(UiContext ui) =>
        Math.Max(1, (int)((Height - KeyBar.Height(ui) - GridTop(ui) - ui.SmallSize * 2) / (CardHeight(ui) + Gap(ui))));

    private void Layout(UiContext ui)
    {
        _cards.Clear();
        var columns = Columns(ui);
        var width = (Width - (2 * Margin(ui)) - ((columns - 1) * Gap(ui))) / columns;
        var first = _firstRow * columns;
        var last = Math.Min(Entries.Count, first + (VisibleRows(ui) * columns));
        for (var index = first; index < last; index++)
        {
            var slot = index - first;
            _cards.Add(new RectF(Margin(ui) + (slot % columns * (width + Gap(ui))), GridTop(ui) + (slot / columns * (CardHeight(ui) + Gap(ui))), width, CardHeight(ui)));
        }
    }
}
