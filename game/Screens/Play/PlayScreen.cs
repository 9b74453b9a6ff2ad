using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Progress;
using VmQuest.Replays;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>
/// The play screen (DESIGN.md §7): the city of the session's kernel, the mechanic's panel on the right, the top bar
/// with the objective and every metric live against its par, the last refusal's explanation over the city (the
/// teaching moment), the timeline (click or drag to rewind), and the key bar. The player's moves go from the panel
/// (or a click in the city, which the panel interprets) into <see cref="LevelPlay.Act"/>, so they enter the
/// schedule's Input phase, are recorded for the replay and can be undone.
/// </summary>
/// <remarks>
/// <para>Opening the screen is a new attempt: the constructor tells <see cref="IGameProgress.LevelStarted"/>. Every
/// input is <see cref="IGameProgress.PlayerActed"/> (the first starts the speedrun timer); the finished session goes
/// to <see cref="IGameProgress.LevelFinished"/> and the results screen; restart, level select and quit from the pause
/// menu are <see cref="IGameProgress.LevelAbandoned"/>.</para>
/// <para>Keys: Esc or P pause; U or Ctrl+Z undo the last decision; [ back to the previous decision, ] forward again
/// (redo what undo or rewind took back); + and − the animation speed. The mechanic's panel owns the digits, arrows,
/// Enter and Tab. The city view is created at the first <see cref="Draw"/>, when the backend is known (its textures
/// live there); until then <see cref="Update"/> reads only the screen's own keys.</para>
/// </remarks>
public sealed partial class PlayScreen : IScreen, IDisposable
{
    private static readonly int[] AnimationSpeeds = [1, 2, 4, 8];

    private readonly LevelPlay _play;
    private readonly IGameProgress _progress;
    private readonly PlayScreenOptions _options;
    private readonly IMechanicPanel? _panel;
    private readonly Timeline _timeline = new();
    private readonly List<ReplayAction> _redo = [];
    private SessionCity? _city;
    private (int Width, int Height) _size = (1280, 720);
    private ScreenTransition? _pending;
    private LevelResult? _result;
    private int _finishedFrames;
    private int _speedIndex;


    // The panel's own width (a wide table asks for more than the default).
    private float PanelWidth => _panel?.Width ?? PlayScreenLayout.DefaultPanelWidth;
    /// <summary>Opens <paramref name="play"/> (a fresh <see cref="LevelPlay"/> of <paramref name="level"/>) as a new attempt.</summary>
    /// <param name="level">The level (the play's).</param>
    /// <param name="play">The play: the session at its first decision.</param>
    /// <param name="progress">Records, speedrun clocks and LiveSplit.</param>
    /// <param name="options">The screens this one leads to that it does not own.</param>
    public PlayScreen(Level level, LevelPlay play, IGameProgress progress, PlayScreenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(play);
        ArgumentNullException.ThrowIfNull(progress);
        if (!ReferenceEquals(level, play.Level) && level.Hash != play.Level.Hash)
        {
            throw new ArgumentException("the play is of another level", nameof(play));
        }

        Level = level;
        _play = play;
        _progress = progress;
        _options = options ?? PlayScreenOptions.None;
        _panel = MechanicPanels.For(level.Player.Mechanics[0]);
        progress.LevelStarted(level);
    }

    /// <summary>A fresh attempt of <paramref name="level"/> (its play built here, with the options' seed).</summary>
    public static PlayScreen Open(Level level, IGameProgress progress, PlayScreenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        return new PlayScreen(level, new LevelPlay(level, (options ?? PlayScreenOptions.None).Seed), progress, options);
    }

    /// <inheritdoc/>
    public string Name => "play";

    /// <inheritdoc/>
    public bool IsMenu => false;

    /// <inheritdoc/>
    public bool IsOverlay => false;

    /// <summary>The level played.</summary>
    public Level Level { get; }

    /// <summary>The play (its session is the one shown).</summary>
    public LevelPlay Play => _play;

    /// <summary>The mechanic's panel, or null when the mechanic has none yet.</summary>
    public IMechanicPanel? Panel => _panel;

    /// <summary>The city shown (null until the first draw).</summary>
    public SessionCity? City => _city;

    /// <summary>The window size at the last draw (the overlays lay out by it).</summary>
    public (int Width, int Height) LastSize => _size;

    /// <summary>The finished attempt's result (null while playing).</summary>
    public LevelResult? Result => _result;

    /// <summary>How many animation steps a frame advances (the + and − keys): 1, 2, 4 or 8.</summary>
    public int AnimationSpeed => AnimationSpeeds[_speedIndex];

    /// <summary>The screen's own keys, then the panel's, for the key bar.</summary>
    public IReadOnlyList<ControlHelp> Controls => [.. ScreenControls, .. _panel?.Controls ?? []];

    /// <summary>The play screen's keys (the panel adds its own).</summary>
    public static IReadOnlyList<ControlHelp> ScreenControls { get; } =
    [
        new("Esc/P", "Esc/P", "pause", "暂停"),
        new("U/Ctrl+Z", "U/Ctrl+Z", "undo", "撤销"),
        new("[ ]", "[ ]", "back / forward a decision", "后退/前进一步决定"),
        new("drag timeline", "拖动时间轴", "rewind", "回退"),
        new("+/−", "+/−", "animation speed", "动画速度"),
    ];

    /// <inheritdoc/>
    public ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (_pending is { } pending)
        {
            _pending = null;
            return pending;
        }

        if (input.CloseRequested)
        {
            return Leave(() => new ScreenTransition.Quit());
        }

        if (_result is not null)
        {
            return UpdateFinished(input);
        }

        if (input.IsKeyPressed(Key.Escape) || input.IsKeyPressed(Key.P))
        {
            _progress.PlayerActed();
            return new ScreenTransition.Push(new PauseScreen(this, _options));
        }

        var layout = PlayScreenLayout.For(_size.Width, _size.Height, ui, PanelWidth);
        UpdateSpeed(input);
        UpdateHistory(input, layout, ui);
        if (_city is { } city)
        {
            city.Follow(_play.Session);
            city.SetViewport(layout.City);
            city.View.AnimationSteps = AnimationSpeed;
            city.View.Update(input);
        }

        var clicked = _city?.View.ClickedThisFrame is { } c
            ? new CityClick(c.Frame >= 0 ? (ulong)c.Frame : null, c.Pid, c.Va)
            : null;
        if (clicked is not null || input.IsMousePressed(MouseButton.Left) || input.Wheel.Y != 0)
        {
            _progress.PlayerActed();
        }

        if (_panel?.Update(_play.Session, input, layout.Panel, ui, clicked) is { } action)
        {
            _progress.PlayerActed();
            Act(action.Kind, action.Arguments);
        }

        if (_play.Session.IsFinished)
        {
            _result = _progress.LevelFinished(_play.Session);
        }

        return null;
    }

    /// <summary>
    /// The pause menu's choice, taken on this screen's next update (the pause overlay has closed by then):
    /// restart, level select or quit — each abandons the attempt.
    /// </summary>
    internal void LeaveAfterPause(PauseChoice choice)
    {
        _pending = choice switch
        {
            PauseChoice.Restart => Leave(() => new ScreenTransition.Replace(Open(Level, _progress, _options))),
            PauseChoice.LevelSelect when _options.LevelSelect is { } levels => Leave(() => new ScreenTransition.Replace(levels())),
            _ => Leave(() => new ScreenTransition.Quit()),
        };
    }

    /// <summary>Frees the city's textures.</summary>
    public void Dispose() => _city?.Dispose();

    // The attempt is abandoned before the next screen is made (a restart's new attempt starts after this one ends).
    private ScreenTransition Leave(Func<ScreenTransition> next)
    {
        if (_result is null)
        {
            _progress.LevelAbandoned(_play.Session);
        }

        return next();
    }

    private void Act(string kind, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var before = _play.Session.AppliedActions.Count;
        _play.Act(kind, arguments);
        var applied = _play.Session.AppliedActions;
        // Forward along the undone path keeps the rest of it for ]; a different move forgets it.
        if (_redo.Count > 0 && applied.Count == before + 1 && SameMove(applied[before], _redo[0]))
        {
            _redo.RemoveAt(0);
        }
        else
        {
            _redo.Clear();
        }
    }

    private void UpdateSpeed(InputState input)
    {
        if (input.IsKeyPressed(Key.EqualsSign) || input.IsKeyPressed(Key.KeypadPlus) || input.Text.Contains('+', StringComparison.Ordinal))
        {
            _speedIndex = Math.Min(AnimationSpeeds.Length - 1, _speedIndex + 1);
            _progress.PlayerActed();
        }
        else if (input.IsKeyPressed(Key.Minus) || input.IsKeyPressed(Key.KeypadMinus))
        {
            _speedIndex = Math.Max(0, _speedIndex - 1);
            _progress.PlayerActed();
        }
    }

    private void UpdateHistory(InputState input, PlayScreenLayout layout, UiContext ui)
    {
        var control = input.IsKeyDown(Key.LeftControl) || input.IsKeyDown(Key.RightControl);
        if (input.IsKeyPressed(Key.U) || (control && input.IsKeyPressed(Key.Z)))
        {
            _progress.PlayerActed();
            TakeBack(() => _play.Undo());
        }
        else if (input.IsKeyPressed(Key.LeftBracket))
        {
            _progress.PlayerActed();
            var session = _play.Session;
            var previous = session.AppliedActions.LastOrDefault(a => a.Tick < session.Tick && session.DecisionKinds.Contains(a.Kind));
            if (previous is not null)
            {
                TakeBack(() => RewindTo(previous.Tick));
            }
        }
        else if (input.IsKeyPressed(Key.RightBracket) && _redo.Count > 0)
        {
            _progress.PlayerActed();
            Act(_redo[0].Kind, _redo[0].Arguments);
        }

        if (_timeline.Update(input, layout.Timeline, ui, _play.Session.Tick, _play.Session.Length) is { } tick)
        {
            _progress.PlayerActed();
            TakeBack(() => RewindTo(Math.Min(tick, _play.Session.Tick)));
        }
    }

    // Undo and rewind replace the session; the decisions they took back are kept (in order) for ] — not the
    // mistakes, which ] does not repeat.
    private void TakeBack(Func<bool> goBack)
    {
        var before = _play.Session.AppliedActions.ToList();
        if (!goBack())
        {
            return;
        }

        var kept = _play.Session.AppliedActions.Count;
        _redo.InsertRange(0, before.Skip(kept).Where(a => a.Kind != LevelSession.MistakeKind));
    }

    private bool RewindTo(long tick)
    {
        var before = _play.Session.AppliedActions.Count;
        var at = _play.Session.Tick;
        _play.RewindTo(tick);
        // Rewinding stops at the tick asked for; the run goes on to the decision pending there (or the next one).
        _play.Session.Run();
        return _play.Session.AppliedActions.Count != before || _play.Session.Tick != at;
    }

    private ScreenTransition.Replace? UpdateFinished(InputState input)
    {
        _finishedFrames++;
        var skip = input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.Space) || input.IsKeyPressed(Key.Escape)
            || input.IsMousePressed(MouseButton.Left);
        return skip || _finishedFrames >= FinishedPauseFrames
            ? new ScreenTransition.Replace(new ResultsScreen(_result!, _progress, _options))
            : null;
    }

    /// <summary>Frames the finished city stays on screen before the results (any key goes on at once).</summary>
    public const int FinishedPauseFrames = 90;

    private static bool SameMove(ReplayAction a, ReplayAction b) =>
        a.Tick == b.Tick && a.Kind == b.Kind && a.Arguments.SequenceEqual(b.Arguments);
}
