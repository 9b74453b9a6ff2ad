using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>The city view inside a screen: a viewport, no HUD, no keys of its own.</summary>
[Collection(SdlTestGroup.Name)]
public sealed class CityEmbeddedTests
{
    [Fact]
    public void LayoutForViewport_EveryPartLiesInsideIt_AndWithoutHudTheCityStartsAtTheTop()
    {
        var viewport = new RectF(0, 58, 900, 608);
        var layout = CityScreenLayout.For(viewport, withHud: false);
        foreach (var part in new[] { layout.City, layout.Harbour, layout.Virtual, layout.Side })
        {
            Assert.True(part.X >= viewport.X && part.Y >= viewport.Y && part.Right <= viewport.Right + 0.01f && part.Bottom <= viewport.Bottom + 0.01f, $"{part} is outside {viewport}");
        }

        Assert.Equal(viewport.Y, layout.City.Y);
        Assert.Equal(0, layout.Hud.Height);
    }

    [Fact]
    public void LayoutForWindow_IsTheWholeWindowLayout()
    {
        Assert.Equal(CityScreenLayout.For(1280, 720), CityScreenLayout.For(new RectF(0, 0, 1280, 720), withHud: true));
    }

    [Fact]
    public void EmbeddedView_IgnoresEscapeRestartAndSpeedKeys_ButSelectsOnClick()
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 256, Processes = 2 }));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(8));
        using var view = new CityView(backend, simulation, loop, () => TimeSpan.Zero, "embedded", CityViewOptions.EmbeddedIn(new RectF(0, 58, 900, 608)));
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(Key.Escape);
        input.PressKey(Key.R);
        input.PressKey(Key.D3);
        Assert.True(view.Update(input));
        Assert.False(view.RestartRequested);
        Assert.Equal(SimulationSpeed.Paused, loop.Speed);

        var lot = view.Camera.WorldToScreen(view.Grid.LotOrigin(3) + new System.Numerics.Vector2(0.5f, 0.5f));
        input.BeginFrame();
        input.MoveMouse(lot);
        input.PressMouse(MouseButton.Left);
        view.Update(input);
        input.BeginFrame();
        input.ReleaseMouse(MouseButton.Left);
        view.Update(input);
        Assert.Equal(3, view.ClickedThisFrame!.Value.Frame);
        input.BeginFrame();
        view.Update(input);
        Assert.Null(view.ClickedThisFrame);
    }

    [Fact]
    public void Observe_CollectsATicksEventsIntoTheLog()
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 256, Processes = 2 }));
        simulation.Driver.Tick();
        var before = simulation.Log.Total;
        simulation.Observe(simulation.Kernel.World);
        Assert.True(simulation.Log.Total > before);
    }
}
