using VmQuest.Platform;
using VmQuest.Play.FaultAction;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Widgets;
using VmQuest.Tests.Game.Play.FaultAction;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.Screens.Play.Widgets;

public sealed class MetricsBarTests
{
    [Fact]
    public void Draw_ObjectiveOfManyGoals_IsCutBeforeTheRunsState()
    {
        // fault-layout has four goals: its objective is longer than the bar.
        var session = new FaultActionSession(FaultLevels.Shipped("layout.yaml"));
        session.Run();
        var backend = new RecordingRenderBackend();
        var ui = UiContext.Default;
        var area = new RectF(0, 0, 1280, 56);

        MetricsBar.Draw(backend, area, ui, session, "1×");

        var stateWidth = backend.MeasureText("your decision · 1×", ui.TextSize).X;
        var stateLeft = area.Right - stateWidth - (12 * ui.Scale);
        var clip = new RectF(0, 0, area.Width - stateWidth - (36 * ui.Scale), area.Height / 2);
        Assert.True(clip.Right < stateLeft);
        Assert.Contains($"SetClip {clip}", backend.Calls);
        Assert.Contains("DrawText your decision · 1×", backend.Calls);
    }
}
