using System.Globalization;
using VmQuest.Engine.Formats.Output;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Progress;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>
/// The results of a finished attempt (DESIGN.md §7): won or failed (with why), each metric as a bar against its par,
/// the personal best before this attempt and the optimum, with the ratio to the optimum; new records marked. Then:
/// retry, next level (when won and there is one), save the replay (to the replay folder), watch it, level select,
/// quit. Time on it is menu time (<see cref="IsMenu"/>).
/// </summary>
public sealed partial class ResultsScreen : IScreen
{
    private readonly IGameProgress _progress;
    private readonly PlayScreenOptions _options;
    private readonly MenuList _menu;
    private readonly List<Func<ScreenTransition?>> _actions = [];
    private (int Width, int Height) _size = (1280, 720);

    /// <summary>The results of <paramref name="result"/>.</summary>
    public ResultsScreen(LevelResult result, IGameProgress progress, PlayScreenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(progress);
        Result = result;
        _progress = progress;
        _options = options ?? PlayScreenOptions.None;
        var items = new List<MenuItem>();
        Add(items, new MenuItem("Retry", "重试", Key.R), () => new ScreenTransition.Replace(PlayScreen.Open(result.Level, _progress, _options)));
        if (result.Won && _options.NextLevel?.Invoke(result.Level) is { } next)
        {
            Add(items, new MenuItem("Next level", "下一关", Key.N), () => new ScreenTransition.Replace(
                _options.Briefing is { } briefing ? briefing(next) : PlayScreen.Open(next, _progress, _options)));
        }

        if (result.Replay is not null)
        {
            Add(items, new MenuItem("Save replay", "保存回放", Key.S), SaveReplay);
            Add(items, new MenuItem("Watch replay", "观看回放", Key.W), () => new ScreenTransition.Push(new PlaybackScreen(result.Replay, result.Level)));
        }

        if (_options.LevelSelect is { } levels)
        {
            Add(items, new MenuItem("Level select", "选择关卡", Key.L), () => new ScreenTransition.Replace(levels()));
        }

        Add(items, new MenuItem("Quit", "退出", Key.Q), () => new ScreenTransition.Quit());
        _menu = new MenuList(items);
    }

    /// <summary>The attempt shown.</summary>
    public LevelResult Result { get; }

    /// <summary>Where the replay was saved, or why it could not be (null before "save replay").</summary>
    public string? SaveNote { get; private set; }

    /// <summary>The menu's entries, in order.</summary>
    public IReadOnlyList<MenuItem> Items => _menu.Items;

    /// <inheritdoc/>
    public string Name => "results";

    /// <inheritdoc/>
    public bool IsMenu => true;

    /// <inheritdoc/>
    public bool IsOverlay => false;

    /// <summary>The results screen's keys: choosing, then each entry's shortcut (only the entries offered).</summary>
    public IReadOnlyList<ControlHelp> Controls => ControlsOf(_menu);

    private static List<ControlHelp> ControlsOf(MenuList menu) =>
    [
        new("↑↓ Enter", "↑↓ Enter", "choose", "选择"),
        new("click", "点击", "choose", "选择"),
        new("Shift+S", "Shift+S", "save replay as…", "回放另存为…"),
        .. menu.Items.Where(i => i.Shortcut != Key.None)
            .Select(i => new ControlHelp(MenuList.ShortcutName(i.Shortcut), MenuList.ShortcutName(i.Shortcut), i.En.ToLowerInvariant(), i.Zh)),
    ];

    /// <inheritdoc/>
    public ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (input.CloseRequested)
        {
            return new ScreenTransition.Quit();
        }

        if (SaveAsPath is not null)
        {
            UpdateSaveAs(input);
            return null;
        }

        var shift = input.IsKeyDown(Key.LeftShift) || input.IsKeyDown(Key.RightShift);
        if (shift && input.IsKeyPressed(Key.S) && Result.Replay is not null)
        {
            SaveAsPath = ReplayPath();
            return null;
        }

        var picked = _menu.Update(input, MenuArea(_size, ui), ui);
        return picked >= 0 ? _actions[picked]() : null;
    }

    /// <summary>The path being typed for "save replay as" (Shift+S), or null when no path is being typed.</summary>
    public string? SaveAsPath { get; private set; }

    // Typing a path: text appends, Backspace deletes, Enter saves there, Esc gives up.
    private void UpdateSaveAs(InputState input)
    {
        if (input.IsKeyPressed(Key.Escape))
        {
            SaveAsPath = null;
            return;
        }

        if (input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter))
        {
            var path = SaveAsPath!.Trim();
            SaveAsPath = null;
            if (path.Length > 0)
            {
                SaveTo(path);
            }

            return;
        }

        var typed = SaveAsPath + input.Text.Replace("\n", string.Empty, StringComparison.Ordinal);
        if (input.IsKeyPressed(Key.Backspace) && typed.Length > 0)
        {
            typed = typed[..^1];
        }

        SaveAsPath = typed;
    }

    /// <summary>The file "save replay" writes: the replay folder, named by level and the time of saving.</summary>
    public string ReplayPath() => Path.Combine(_options.ReplayDirectory ?? Environment.CurrentDirectory,
        string.Create(CultureInfo.InvariantCulture, $"{Result.Level.Id}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.vmqr"));

    private ScreenTransition? SaveReplay()
    {
        SaveTo(ReplayPath());
        return null;
    }

    private void SaveTo(string path)
    {
        try
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            SaveNote = "✓ " + _progress.SaveReplay(Result, path);
        }
        catch (Exception e) when (e is OutputFileException or IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            SaveNote = "✗ " + e.Message;
        }
    }

    private void Add(List<MenuItem> items, MenuItem item, Func<ScreenTransition?> action)
    {
        items.Add(item);
        _actions.Add(action);
    }

    private RectF MenuArea((int Width, int Height) size, UiContext ui)
    {
        var width = 260 * ui.Scale;
        return new RectF(size.Width - width - (40 * ui.Scale), 110 * ui.Scale, width, _menu.HeightFor(ui));
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string MetricName(MetricResult metric, UiContext ui) => MetricWords.Of(metric.Name, ui);

    private static Level LevelOf(LevelResult result) => result.Level;
}
