using System.Globalization;
using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>
/// A replay played back in the city (<c>vmquest replay watch</c>, <c>play --replay</c>, the results' "watch"): it is
/// verified first and refused with the verifier's reason otherwise; then it plays one level tick at a time, exactly
/// as the verifier re-simulated it, at 1× (2.5 ticks a second) to 64×, paused or stepped, with the mechanic's panel
/// showing the run's state and the list of decisions as each is made. Time on it is menu time (<see cref="IsMenu"/>).
/// </summary>
/// <remarks>
/// The pace counts rendered frames (60 a second), not the clock, so what a frame shows depends only on the frames
/// and keys before it (headless screenshots are exact).
/// </remarks>
public sealed class PlaybackScreen : IScreen, IDisposable
{
    /// <summary>The playback speeds (ticks per 1× tick), keys 1–7.</summary>
    public static IReadOnlyList<int> Speeds { get; } = [1, 2, 4, 8, 16, 32, 64];

    // 1× is 2.5 ticks a second at 60 frames a second: a tick every 24 frames.
    private const int FramesPerTick = 24;

    private readonly ReplayDriver? _driver;
    private readonly IMechanicPanel? _panel;
    private SessionCity? _city;
    private long _progress;
    private int _speedIndex;


    // The panel's own width (a wide table asks for more than the default).
    private float PanelWidth => _panel?.Width ?? PlayScreenLayout.DefaultPanelWidth;
    /// <summary>Verifies <paramref name="replay"/> on <paramref name="level"/> and prepares its playback (paused at tick 0 when <paramref name="paused"/>).</summary>
    public PlaybackScreen(ReplayFile replay, Level level, bool paused = false)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(level);
        Level = level;
        Replay = replay;
        var verdict = ReplayVerifier.Verify(replay, level);
        Refusal = verdict.Verified ? null : verdict.Reason;
        if (Refusal is null)
        {
            _driver = new ReplayDriver(replay, level);
            _panel = MechanicPanels.For(level.Player.Mechanics[0]);
        }

        Paused = paused;
    }

    /// <inheritdoc/>
    public string Name => "replay";

    /// <inheritdoc/>
    public bool IsMenu => true;

    /// <inheritdoc/>
    public bool IsOverlay => false;

    /// <summary>The level.</summary>
    public Level Level { get; }

    /// <summary>The replay.</summary>
    public ReplayFile Replay { get; }

    /// <summary>Why the replay cannot be played back (the verifier's reason), or null when it verified.</summary>
    public string? Refusal { get; }

    /// <summary>The session being played back, or null when the replay was refused.</summary>
    public LevelSession? Session => _driver?.Session;

    /// <summary>Whether the playback has reached the replay's end.</summary>
    public bool Finished => _driver?.Finished ?? true;

    /// <summary>Whether the playback is paused.</summary>
    public bool Paused { get; private set; }

    /// <summary>The current speed (1 to 64).</summary>
    public int Speed => Speeds[_speedIndex];

    /// <summary>The playback's keys.</summary>
    public static IReadOnlyList<ControlHelp> Controls { get; } =
    [
        new("Space", "Space", "pause", "暂停"),
        new("N", "N", "step a tick", "单步"),
        new("1–7", "1–7", "speed 1×–64×", "速度 1×–64×"),
        new("+/−", "+/−", "faster / slower", "加速/减速"),
        new("R", "R", "from the start", "从头播放"),
        new("drag / wheel", "拖动/滚轮", "pan / zoom the city", "平移/缩放城市"),
        new("Esc", "Esc", "back", "返回"),
    ];

    /// <summary>Runs <paramref name="ticks"/> level ticks now (headless screenshots, tests).</summary>
    public void RunTicks(long ticks)
    {
        for (var i = 0L; i < ticks && !Finished; i++)
        {
            _driver!.Tick();
        }
    }

    /// <inheritdoc/>
    public ScreenTransition? Update(InputState input, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(ui);
        if (input.CloseRequested)
        {
            return new ScreenTransition.Quit();
        }

        if (input.IsKeyPressed(Key.Escape) || input.IsKeyPressed(Key.Q))
        {
            return new ScreenTransition.Pop();
        }

        if (_driver is null)
        {
            return input.IsKeyPressed(Key.Enter) ? new ScreenTransition.Pop() : null;
        }

        if (input.IsKeyPressed(Key.R))
        {
            return new ScreenTransition.Replace(new PlaybackScreen(Replay, Level, paused: false));
        }

        UpdateSpeed(input);
        if (_city is { } city)
        {
            city.SetViewport(PlayScreenLayout.For(LastSize.Width, LastSize.Height, ui, PanelWidth).City);
            city.View.AnimationSteps = Math.Min(8, Speed);
            city.View.Update(input);
        }

        if (input.IsKeyPressed(Key.N) || input.IsKeyPressed(Key.Period))
        {
            Paused = true;
            _driver.Tick();
        }
        else if (!Paused)
        {
            _progress += Speed;
            while (_progress >= FramesPerTick && !Finished)
            {
                _progress -= FramesPerTick;
                _driver.Tick();
            }
        }

        return null;
    }

    /// <summary>The window size at the last draw.</summary>
    public (int Width, int Height) LastSize { get; private set; } = (1280, 720);

    /// <inheritdoc/>
    public void Draw(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        LastSize = (backend.Width, backend.Height);
        backend.Clear(Palette.Background);
        var layout = PlayScreenLayout.For(backend.Width, backend.Height, ui, PanelWidth);
        if (_driver is null)
        {
            DrawRefusal(backend, ui);
            return;
        }

        var session = _driver.Session;
        // The city's textures live on the backend, known only now: the first frame attaches it (a cache).
        _city ??= new SessionCity(backend, session, layout.City, () => TimeSpan.Zero);
        _city.SetViewport(layout.City);
        _city.View.Draw(backend);
        var state = Finished ? ui.T("replay finished", "回放结束") : Paused ? ui.T("replay paused", "回放暂停") : ui.T("replay", "回放");
        MetricsBar.Draw(backend, layout.TopBar, ui, session, string.Create(CultureInfo.InvariantCulture, $"{state} {Speed}×"));
        backend.FillRect(layout.Panel, Palette.HudBackground);
        var decisions = DecisionsHeight(layout.Panel, ui);
        var panelArea = layout.Panel with { Height = layout.Panel.Height - decisions };
        if (_panel is not null)
        {
            backend.SetClip(panelArea);
            _panel.Draw(session, backend, panelArea, ui);
            backend.SetClip(null);
        }

        DrawDecisions(backend, new RectF(layout.Panel.X, panelArea.Bottom, layout.Panel.Width, decisions), ui, session);
        new Timeline().Draw(backend, layout.Timeline, ui, session.Tick, session.Length, session.AppliedActions, LevelSession.MistakeKind);
        KeyBar.Draw(backend, layout.KeyBar, Controls, ui);
    }

    /// <summary>Frees the city's textures.</summary>
    public void Dispose() => _city?.Dispose();

    private static float DecisionsHeight(RectF panel, UiContext ui) => Math.Min(panel.Height * 0.4f, 190 * ui.Scale);

    // The decisions made so far, newest first: what the player did at each tick (refused moves marked).
    private static void DrawDecisions(IRenderBackend backend, RectF area, UiContext ui, LevelSession session)
    {
        backend.FillRect(new RectF(area.X + 8, area.Y, area.Width - 16, 1), Palette.FreeLot);
        var x = area.X + (14 * ui.Scale);
        var y = area.Y + (8 * ui.Scale);
        backend.DrawText(ui.T("Decisions so far", "已做的决定"), new Vector2(x, y), ui.TextSize, Palette.Kernel);
        y += ui.TextSize * 1.6f;
        var actions = session.AppliedActions;
        for (var i = actions.Count - 1; i >= 0 && y + ui.SmallSize < area.Bottom; i--)
        {
            var action = actions[i];
            var refused = action.Kind == LevelSession.MistakeKind;
            var words = string.Join(' ', action.Arguments.Select(a => $"{a.Key}={a.Value}"));
            var line = string.Create(CultureInfo.InvariantCulture, $"{ui.T("tick", "时刻")} {action.Tick}: {(refused ? ui.T("refused ", "被拒绝 ") : string.Empty)}{action.Kind} {words}");
            backend.DrawText(line, new Vector2(x, y), ui.SmallSize, i == actions.Count - 1 ? Palette.HudText : refused ? Palette.Fault : Palette.TextDim);
            y += ui.SmallSize * 1.45f;
        }
    }

    private void DrawRefusal(IRenderBackend backend, UiContext ui)
    {
        var x = 60 * ui.Scale;
        var y = 80 * ui.Scale;
        backend.DrawText(ui.T("This replay cannot be played back", "这个回放无法播放"), new Vector2(x, y), ui.HeadingSize * 1.2f, Palette.Fault);
        TextBlock.Draw(backend, Refusal ?? string.Empty, new Vector2(x, y + (50 * ui.Scale)), ui.TextSize, backend.Width - (2 * x), Palette.HudText);
        TextBlock.Draw(backend, ui.T("Only a replay that verifies — that earns exactly what it claims on this version of the level — is shown.",
            "只有通过验证的回放（在这一版关卡上恰好得到它所声称的结果）才会播放。"),
            new Vector2(x, y + (120 * ui.Scale)), ui.TextSize, backend.Width - (2 * x), Palette.TextDim);
        KeyBar.Draw(backend, new RectF(0, backend.Height - KeyBar.HeightFor(ui), backend.Width, KeyBar.HeightFor(ui)),
            [new ControlHelp("Esc/Enter", "Esc/Enter", "back", "返回")], ui);
    }

    private void UpdateSpeed(InputState input)
    {
        if (input.IsKeyPressed(Key.Space))
        {
            Paused = !Paused;
        }

        for (var i = 0; i < Speeds.Count; i++)
        {
            if (input.IsKeyPressed(Key.D1 + i))
            {
                _speedIndex = i;
                Paused = false;
            }
        }

        if (input.IsKeyPressed(Key.EqualsSign) || input.IsKeyPressed(Key.KeypadPlus) || input.Text.Contains('+', StringComparison.Ordinal))
        {
            _speedIndex = Math.Min(Speeds.Count - 1, _speedIndex + 1);
        }
        else if (input.IsKeyPressed(Key.Minus) || input.IsKeyPressed(Key.KeypadMinus))
        {
            _speedIndex = Math.Max(0, _speedIndex - 1);
        }
    }
}
