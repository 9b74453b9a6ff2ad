using System.Globalization;
using System.Numerics;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Screens.Play.Widgets;

namespace VmQuest.Screens.Play;

/// <summary>Drawing: reads the session and the screen's view state; only builds the city's caches on the first frame.</summary>
public sealed partial class PlayScreen
{
    /// <inheritdoc/>
    public void Draw(IRenderBackend backend, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        _size = (backend.Width, backend.Height);
        var layout = PlayScreenLayout.For(backend.Width, backend.Height, ui, PanelWidth);
        var session = _play.Session;
        // The city's textures live on the backend, known only now: the first frame attaches it (a cache, not game state).
        _city ??= new SessionCity(backend, session, layout.City, () => TimeSpan.Zero);
        _city.Follow(session);
        _city.SetViewport(layout.City);

        backend.Clear(Palette.Background);
        _city.View.Draw(backend);
        RefusalBanner.Draw(backend, BannerArea(ui), ui, session.LastRefusalIn(ui.Language));
        MetricsBar.Draw(backend, layout.TopBar, ui, session, ui.T("animation ", "动画 ") + AnimationSpeed.ToString(CultureInfo.InvariantCulture) + "×");
        DrawPanel(backend, layout, ui, session);
        _timeline.Draw(backend, layout.Timeline, ui, session.Tick, session.Length, session.AppliedActions, LevelSession.MistakeKind);
        KeyBar.Draw(backend, layout.KeyBar, Controls, ui);
        if (_result is not null)
        {
            DrawFinished(backend, layout, ui, session);
        }
    }

    /// <summary>
    /// Where the refusal banner is drawn: along the bottom of the physical city (over its last rows, not the lots a
    /// small level uses at the top, so the player can still click the lot they meant).
    /// </summary>
    public RectF BannerArea(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var city = _city?.View.Layout.City ?? PlayScreenLayout.For(_size.Width, _size.Height, ui, PanelWidth).City;
        var height = RefusalBanner.HeightFor(ui);
        return new RectF(city.X + 8, city.Bottom - height - 6, Math.Min(city.Width - 16, 900 * ui.Scale), height);
    }

    private void DrawPanel(IRenderBackend backend, PlayScreenLayout layout, UiContext ui, LevelSession session)
    {
        var area = layout.Panel;
        backend.FillRect(area, Palette.HudBackground);
        backend.FillRect(new RectF(area.X, area.Y, 2, area.Height), Palette.FreeLot);
        if (_panel is null)
        {
            TextBlock.Draw(backend, ui.T($"The {Level.Player.Mechanics[0]} mechanic has no panel yet.", $"“{Level.Player.Mechanics[0]}”机制还没有面板。"),
                new Vector2(area.X + 14, area.Y + 14), ui.TextSize, area.Width - 28, Palette.TextDim);
            return;
        }

        backend.SetClip(area);
        _panel.Draw(session, backend, area, ui);
        backend.SetClip(null);
    }

    private static void DrawFinished(IRenderBackend backend, PlayScreenLayout layout, UiContext ui, LevelSession session)
    {
        var text = session.IsWon
            ? ui.T("Level complete! Enter for the results", "过关！按 Enter 查看结果")
            : ui.T("The level is lost. Enter for the results", "本关失败。按 Enter 查看结果");
        var size = ui.HeadingSize;
        var width = TextMeasure.Of(backend, text, size).X + (40 * ui.Scale);
        var box = new RectF(layout.City.Centre.X - (width / 2), layout.City.Centre.Y - (30 * ui.Scale), width, 60 * ui.Scale);
        backend.FillRect(box, Palette.HudBackground.WithAlpha(235));
        backend.DrawRect(box, session.IsWon ? Palette.DataPages : Palette.Fault, 3);
        backend.DrawText(text, new Vector2(box.X + (20 * ui.Scale), box.Y + ((box.Height - size) / 2) - 2), size, Palette.HudText);
    }
}
