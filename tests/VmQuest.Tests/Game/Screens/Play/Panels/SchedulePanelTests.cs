using VmQuest.Engine.Kernel.Processes;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play.Scheduling;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play.Scheduling;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

[Collection(SdlTestGroup.Name)]
public sealed class SchedulePanelTests
{
    private static readonly RectF Area = new(20, 20, 620, 440);

    private static ScheduleSession Waiting()
    {
        var session = new ScheduleSession(ScheduleLevels.Flush());
        session.Run();
        return session;
    }

    private static PanelAction? Update(SchedulePanel panel, ScheduleSession session, Action<InputState> input, CityClick? click = null)
    {
        var state = new InputState();
        input(state);
        return panel.Update(session, state, Area, UiContext.Default, click);
    }

    [Fact]
    public void Update_DigitKey_RunsTheProcessOnThatRow()
    {
        var action = Update(new SchedulePanel(), Waiting(), i => i.PressKey(Key.D3));

        Assert.Equal(new KeyValuePair<string, string>("pid", "3"), Assert.Single(action!.Arguments));
        Assert.Equal("run", action.Kind);
    }

    [Fact]
    public void Update_DownThenEnter_RunsTheSecondRow()
    {
        var panel = new SchedulePanel();
        var session = Waiting();

        Assert.Null(Update(panel, session, i => i.PressKey(Key.Down)));
        var action = Update(panel, session, i => i.PressKey(Key.Enter));

        Assert.Equal("2", action!.Arguments[0].Value);
    }

    [Fact]
    public void Update_ClickOnARow_RunsThatProcess()
    {
        var row = new SchedulePanelLayout(Area, UiContext.Default).Row(0);

        var action = Update(new SchedulePanel(), Waiting(), i =>
        {
            i.MoveMouse(row.Centre);
            i.PressMouse(MouseButton.Left);
        });

        Assert.Equal("1", action!.Arguments[0].Value);
    }

    [Fact]
    public void Update_StreetClickedInTheCity_RunsItsProcess()
    {
        var action = Update(new SchedulePanel(), Waiting(), _ => { }, new CityClick(null, 2, 0x400000));

        Assert.Equal("2", action!.Arguments[0].Value);
    }

    [Fact]
    public void Update_NothingPressed_ReturnsNoAction()
    {
        Assert.Null(Update(new SchedulePanel(), Waiting(), _ => { }, new CityClick(7, 0, null)));
    }

    [Fact]
    public void Controls_BothLanguages_AreGivenForEveryControl()
    {
        var panel = new SchedulePanel();

        Assert.All(panel.Controls, c => Assert.True(c.What.Length > 0 && c.WhatZh.Length > 0 && c.KeysZh.Length > 0));
        Assert.Equal("调度：下一个运行谁？", panel.Title(new UiContext("zh-Hans", 1f)));
    }

    [Theory]
    [InlineData("en", 1f)]
    [InlineData("zh-Hans", 1f)]
    [InlineData("zh-Hans", 1.5f)]
    public void Draw_AfterARefusal_ShowsTheQueueTheTlbBarAndTheRefusal(string language, float scale)
    {
        var session = Waiting();
        session.RunNext(1);
        session.Run();
        session.RunNext(9);
        var ui = new UiContext(language, scale);
        var area = new RectF(20, 20, 620 * scale, 440 * scale);
        var (width, height) = ((int)(660 * scale), (int)(480 * scale));
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(width, height));
        backend.PollInput();
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        new SchedulePanel().Draw(session, backend, area, ui);
        var pixels = new uint[width * height];
        backend.ReadPixels(pixels);
        if (Environment.GetEnvironmentVariable("VMQUEST_PANEL_PNG_DIR") is { Length: > 0 } dir)
        {
            backend.SavePng(Path.Combine(dir, FormattableString.Invariant($"schedule-panel-{language}-{scale}.png")));
        }

        backend.EndFrame();

        var layout = new SchedulePanelLayout(area, ui);
        var running = layout.Row(0);
        // The running sorter's TLB bar holds its 8 entries of 32: sky blue in the bar's first quarter, not beyond.
        var bar = layout.TlbBar(running);
        PixelAssert.IsColour(pixels, width, (int)(bar.X + (bar.Width * 0.2f)), (int)(bar.Y + (bar.Height / 2)), Palette.Tlb);
        PixelAssert.IsColour(pixels, width, (int)(bar.X + (bar.Width * 0.5f)), (int)(bar.Y + (bar.Height / 2)), Palette.Background.Lerp(Palette.Kernel, 0.18f));
        // The refusal is written in the fault colour below the queue.
        var below = new RectI((int)layout.Left, (int)layout.Row(3).Y, (int)layout.Width, (int)(60 * scale));
        Assert.True(CountColour(pixels, width, below, Palette.Fault) > 20);
    }

    [Fact]
    public void Draw_PcidLevelAfterAnExit_ShowsTheExitedRowAndTheRefusalInChinese()
    {
        var session = new ScheduleSession(ScheduleLevels.Pcid());
        session.Run();
        while (session.RunQueue().Single(p => p.Pid == 3).State != ProcessState.Zombie)
        {
            session.RunNext(session.Choices.Contains(1) && session.Tick == 1 ? 1 : 3);
            session.Run();
        }

        session.RunNext(3);
        var ui = new UiContext("zh-Hans", 1f);
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(660, 480));
        backend.PollInput();
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        new SchedulePanel().Draw(session, backend, Area, ui);
        var pixels = new uint[660 * 480];
        backend.ReadPixels(pixels);
        if (Environment.GetEnvironmentVariable("VMQUEST_PANEL_PNG_DIR") is { Length: > 0 } dir)
        {
            backend.SavePng(Path.Combine(dir, "schedule-panel-pcid-zh-Hans.png"));
        }

        backend.EndFrame();

        var layout = new SchedulePanelLayout(Area, ui);
        // The exited logger's row has an empty TLB bar; the refusal below the queue is in the fault colour.
        var bar = layout.TlbBar(layout.Row(2));
        PixelAssert.IsColour(pixels, 660, (int)(bar.X + (bar.Width * 0.1f)), (int)(bar.Y + (bar.Height / 2)), Palette.Background);
        Assert.True(CountColour(pixels, 660, new RectI((int)layout.Left, (int)layout.Row(3).Y, (int)layout.Width, 80), Palette.Fault) > 20);
        Assert.StartsWith("pid 3 (logger) has exited", session.LastRefusal, StringComparison.Ordinal);
    }

    private static int CountColour(uint[] pixels, int width, RectI area, Colour colour)
    {
        var count = 0;
        for (var y = area.Y; y < area.Y + area.Height; y++)
        {
            for (var x = area.X; x < area.X + area.Width; x++)
            {
                count += PixelAssert.Near(PixelAssert.At(pixels, width, x, y), colour) ? 1 : 0;
            }
        }

        return count;
    }
}
