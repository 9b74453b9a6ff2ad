using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>What the player chose on the pause menu that leaves the level.</summary>
public enum PauseChoice
{
    /// <summary>Start the level again (a new attempt).</summary>
    Restart,

    /// <summary>Back to the level select.</summary>
    LevelSelect,

    /// <summary>Leave the game.</summary>
    Quit,
}

/// <summary>
/// The pause overlay over the play screen: resume, restart, settings (when the game has a settings screen), level
/// select (when it has one) and quit. Keyboard (arrows, Enter, the shortcuts; Esc or P resumes) and mouse. Time on it
/// is menu time: load-removed time stops (<see cref="IsMenu"/>).
/// </summary>
public sealed class PauseScreen : IScreen
{
    private readonly PlayScreen _play;
    private readonly PlayScreenOptions _options;
    private readonly MenuList _menu;
    private readonly List<Func<ScreenTransition>> _actions = [];

    /// <summary>The pause menu of <paramref name="play"/>.</summary>
    public PauseScreen(PlayScreen play, PlayScreenOptions options)
    {
        ArgumentNullException.ThrowIfNull(play);
        ArgumentNullException.ThrowIfNull(options);
        _play = play;
        _options = options;
        var items = new List<MenuItem>();
        Add(items, new MenuItem("Resume", "继续", Key.Escape), () => new ScreenTransition.Pop());
        Add(items, new MenuItem("Restart", "重新开始", Key.R), () => LeaveWith(PauseChoice.Restart));
        if (options.Settings is { } settings)
        {
            Add(items, new MenuItem("Settings", "设置", Key.S), () => new ScreenTransition.Push(settings()));
        }

        if (options.LevelSelect is not null)
        {
            Add(items, new MenuItem("Level select", "选择关卡", Key.L), () => LeaveWith(PauseChoice.LevelSelect));
        }

        Add(items, new MenuItem("Quit", "退出", Key.Q), () => LeaveWith(PauseChoice.Quit));
        _menu = new MenuList(items);
    }

    /// <inheritdoc/>
    public string Name => "pause";

    /// <inheritdoc/>
    public bool IsMenu => true;

    /// <inheritdoc/>
    public bool IsOverlay => true;

    /// <summary>The menu's entries, in order.</summary>
    public IReadOnlyList<MenuItem> Items => _menu.Items;

    /// <inheritdoc/>
    public ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (input.CloseRequested)
        {
            return LeaveWith(PauseChoice.Quit);
        }

        if (input.IsKeyPressed(Key.P))
        {
            return new ScreenTransition.Pop();
        }

        var picked = _menu.Update(input, MenuArea(_play.LastSize, ui), ui);
        return picked >= 0 ? _actions[picked]() : null;
    }

    /// <inheritdoc/>
    public void Draw(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        backend.FillRect(new RectF(0, 0, backend.Width, backend.Height), Palette.Background.WithAlpha(200));
        var area = MenuArea((backend.Width, backend.Height), ui);
        var box = new RectF(area.X - (30 * ui.Scale), area.Y - (86 * ui.Scale), area.Width + (60 * ui.Scale), _menu.HeightFor(ui) + (110 * ui.Scale));
        backend.FillRect(box, Palette.HudBackground);
        backend.DrawRect(box, Palette.Kernel, 2);
        var heading = ui.T("Paused", "已暂停");
        var width = TextMeasure.Of(backend, heading, ui.HeadingSize * 1.3f).X;
        backend.DrawText(heading, new Vector2(box.Centre.X - (width / 2), box.Y + (14 * ui.Scale)), ui.HeadingSize * 1.3f, Palette.HudText);
        var title = _play.Level.Title.For(ui.Language);
        var titleWidth = TextMeasure.Of(backend, title, ui.TextSize).X;
        backend.DrawText(title, new Vector2(box.Centre.X - (titleWidth / 2), box.Y + (50 * ui.Scale)), ui.TextSize, Palette.TextDim);
        _menu.Draw(backend, area, ui);
        var keys = new RectF(0, backend.Height - KeyBar.HeightFor(ui), backend.Width, KeyBar.HeightFor(ui));
        KeyBar.Draw(backend, keys, Controls, ui);
    }

    /// <summary>The pause menu's keys.</summary>
    public static IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("Esc/P", "Esc/P", "resume", "继续"),
        new("↑↓ Enter", "↑↓ Enter", "choose", "选择"),
        new("click", "点击", "choose", "选择"),
        new("R", "R", "restart", "重新开始"),
        new("Q", "Q", "quit", "退出"),
    ];

    private void Add(List<MenuItem> items, MenuItem item, Func<ScreenTransition> action)
    {
        items.Add(item);
        _actions.Add(action);
    }

    // The overlay closes; the play screen leaves on its next update (so the stack pops this one first).
    private ScreenTransition.Pop LeaveWith(PauseChoice choice)
    {
        _play.LeaveAfterPause(choice);
        return new ScreenTransition.Pop();
    }

    private RectF MenuArea((int Width, int Height) size, UiContext ui)
    {
        var width = 320 * ui.Scale;
        var height = _menu.HeightFor(ui);
        return new RectF((size.Width - width) / 2, ((size.Height - height) / 2) + (30 * ui.Scale), width, height);
    }
}
