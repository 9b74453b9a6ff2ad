using System.Numerics;
using VmQuest.City;
using VmQuest.City.Hud;
using VmQuest.City.Inspection;
using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Platform;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City.Hud;

/// <summary>The selection box's entity list: what a selection lists, the keys, scrolling and cutting to the box.</summary>
public sealed class SelectionBoxTests
{
    [Fact]
    public void Update_ClickCityHallRow_ListsTheProcessEntitysComponents()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 512);
        var side = city.View.Layout.Side;
        city.View.Update(ClickAt(new Vector2(side.X + 100, side.Y + 10 + 46 + 9)));
        var pid = city.View.SelectedPid;

        var lines = city.View.SelectionEntities;
        Assert.Equal(InspectorLineKind.Entity, lines[0].Kind);
        Assert.StartsWith($"pid {pid} · entity #", lines[0].Text, StringComparison.Ordinal);
        Assert.Contains(new InspectorLine("ProcessInfo", InspectorLineKind.Component), lines);
        Assert.Contains(new InspectorLine($"  Pid = {pid}", InspectorLineKind.Field), lines);

        city.View.Draw(backend);
        Assert.Contains($"DrawText {SelectionBox.ComponentsHeading}", backend.Calls);
        Assert.Contains($"DrawText   Pid = {pid}", backend.Calls);
    }

    [Fact]
    public void Update_ClickOwnedLot_ListsFrameThenPteThenOwner()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 512);
        var kernel = city.Simulation.Kernel;
        var frame = Enumerable.Range(0, kernel.Frames.Count).First(f => kernel.UseOf((ulong)f) == FrameUse.Anonymous && kernel.Frames.MapCountOf((ulong)f) == 1);
        city.View.Update(ClickAt(city.PointIn(frame, 0.5f, 0.5f)));

        var heads = city.View.SelectionEntities.Where(l => l.Kind is InspectorLineKind.Entity or InspectorLineKind.Problem).Select(l => l.Text).ToList();
        Assert.Equal(3, heads.Count);
        Assert.StartsWith($"frame {frame}", heads[0], StringComparison.Ordinal);
        Assert.StartsWith($"pte {city.View.SelectedPid} 0x", heads[1], StringComparison.Ordinal);
        Assert.StartsWith($"pid {city.View.SelectedPid} · entity", heads[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Update_TabAndBrackets_SelectProcessesAndLotsFromTheKeyboard()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 512);
        var pids = city.Simulation.Kernel.Pids;

        city.View.Update(Press(Key.Tab));
        Assert.Equal(pids[0], city.View.SelectedPid);
        city.View.Update(Press(Key.Tab));
        Assert.Equal(pids[1], city.View.SelectedPid);
        Assert.Equal(-1, city.View.SelectedFrame);

        city.View.Update(Press(Key.RightBracket));
        Assert.Equal(0, city.View.SelectedFrame);
        city.View.Update(Press(Key.RightBracket));
        city.View.Update(Press(Key.RightBracket));
        city.View.Update(Press(Key.LeftBracket));
        Assert.Equal(1, city.View.SelectedFrame);
        Assert.StartsWith("frame 1", city.View.SelectionEntities[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_PageDownOnAListTallerThanTheBox_ScrollsAndPageUpReturns()
    {
        var backend = new RecordingRenderBackend { Height = 300 };
        using var city = new CityFixture(backend, 512);
        city.View.Update(Press(Key.Tab));
        Assert.Equal(0, city.View.SelectionScroll);

        city.View.Update(Press(Key.PageDown));
        Assert.True(city.View.SelectionScroll > 0);
        city.View.Draw(backend);
        Assert.Contains(backend.Calls, c => c.StartsWith("DrawText PgUp / PgDn · lines", StringComparison.Ordinal));

        city.View.Update(Press(Key.PageUp));
        Assert.Equal(0, city.View.SelectionScroll);
    }

    [Fact]
    public void Set_LineWiderThanTheCity_IsCutWithAnEllipsisToFit()
    {
        var backend = new RecordingRenderBackend();
        var box = new SelectionBox();
        var city = new RectF(0, 0, 300, 400);
        box.Set(backend, city, ["short"], [new InspectorLine(new string('x', 400), InspectorLineKind.Field)], keepScroll: false);

        var cut = box.Entries[0].Text;
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.True(backend.MeasureText(cut, 12).X <= city.Width - 32, $"{backend.MeasureText(cut, 12).X} px");
    }

    [Fact]
    public void Update_EmbeddedView_BuildsNoEntityList()
    {
        var backend = new RecordingRenderBackend();
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 512, Processes = 3 }));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(8));
        using var view = new CityView(backend, simulation, loop, () => TimeSpan.Zero, "embedded", CityViewOptions.EmbeddedIn(new RectF(0, 58, 900, 608)));
        var side = view.Layout.Side;
        view.Update(ClickAt(new Vector2(side.X + 100, side.Y + 10 + 46 + 9)));

        Assert.NotEqual(0, view.SelectedPid);
        Assert.Empty(view.SelectionEntities);
    }

    private static InputState ClickAt(Vector2 point)
    {
        var input = new InputState();
        input.BeginFrame();
        input.MoveMouse(point);
        input.PressMouse(MouseButton.Left);
        input.ReleaseMouse(MouseButton.Left);
        return input;
    }

    private static InputState Press(Key key)
    {
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(key);
        return input;
    }
}
