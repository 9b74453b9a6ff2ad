using System.Diagnostics;
using System.Globalization;
using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>
/// The sandbox city in a real X11 window under Xvfb, driven by xdotool: the same view, loop and frame order
/// <c>vmquest sandbox</c> runs (input → update → ticks → draw), with real key and wheel events.
/// </summary>
[Collection(SdlTestGroup.Name)]
public sealed class CityWindowTests
{
    [XvfbFact]
    public void SandboxWindow_SpacePausesAndWheelZooms_AtMaxSpeedTheWindowKeepsAnswering()
    {
        using var xvfb = XvfbServer.Start();
        var title = $"VmQuest sandbox {Guid.NewGuid():N}";
        using var backend = new SdlRenderBackend(new SdlBackendOptions { Width = 1000, Height = 700, Title = title, VideoDriver = "x11", Resizable = false });
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 1024, Processes = 3 }));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Max,
        };
        using var view = new CityView(backend, simulation, loop, () => TimeSpan.Zero, "test");
        var window = FindWindow(xvfb, backend, view, loop, title);

        // Max speed: ticks run every frame and frames keep coming (the loop never blocks on the simulation).
        var ticksBefore = simulation.Ticks;
        var frameTimes = RunFrames(backend, view, loop, TimeSpan.FromMilliseconds(400));
        Assert.True(simulation.Ticks > ticksBefore + 10, $"only {simulation.Ticks - ticksBefore} ticks at max speed");
        Assert.True(frameTimes.Max() < TimeSpan.FromMilliseconds(250), $"a frame took {frameTimes.Max().TotalMilliseconds} ms");

        xvfb.XDoTool("windowfocus", "--sync", window);
        xvfb.XDoTool("key", "space");
        Assert.True(WaitFor(backend, view, loop, () => loop.Speed == SimulationSpeed.Paused), "space did not pause");
        var pausedAt = simulation.Ticks;
        RunFrames(backend, view, loop, TimeSpan.FromMilliseconds(150));
        Assert.Equal(pausedAt, simulation.Ticks);

        var zoom = view.Camera.Zoom;
        var centre = view.Layout.City.Centre;
        xvfb.XDoTool("mousemove", "--window", window, ((int)centre.X).ToString(CultureInfo.InvariantCulture), ((int)centre.Y).ToString(CultureInfo.InvariantCulture));
        xvfb.XDoTool("click", "4");
        Assert.True(WaitFor(backend, view, loop, () => view.Camera.Zoom > zoom * 1.2f), "wheel did not zoom in");
    }

    [XvfbFact]
    public void SandboxWindow_Issue8_HelpKeyStepAndClicksFromXdotool_ShowHelpNarrateAndSelect()
    {
        using var xvfb = XvfbServer.Start();
        var title = $"VmQuest sandbox {Guid.NewGuid():N}";
        using var backend = new SdlRenderBackend(new SdlBackendOptions { Width = 1000, Height = 700, Title = title, VideoDriver = "x11", Resizable = false });
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 512, Processes = 3 }));
        var loop = new FixedStepLoop(simulation.Tick, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Normal,
        };
        using var view = new CityView(backend, simulation, loop, () => TimeSpan.Zero, "test");
        var window = FindWindow(xvfb, backend, view, loop, title);
        xvfb.XDoTool("windowfocus", "--sync", window);

        // h shows the help overlay; h again hides it.
        xvfb.XDoTool("key", "h");
        Assert.True(WaitFor(backend, view, loop, () => view.ShowsHelp), "h did not show the help overlay");
        xvfb.XDoTool("key", "h");
        Assert.True(WaitFor(backend, view, loop, () => !view.ShowsHelp), "h did not hide the help overlay");

        // Paused, N steps exactly one tick and the event log narrates it.
        xvfb.XDoTool("key", "space");
        Assert.True(WaitFor(backend, view, loop, () => loop.Speed == SimulationSpeed.Paused), "space did not pause");
        var ticks = simulation.Ticks;
        var logged = simulation.Log.Total;
        xvfb.XDoTool("key", "n");
        Assert.True(WaitFor(backend, view, loop, () => simulation.Ticks == ticks + 1), "n did not step one tick");
        Assert.True(simulation.Log.Total > logged || simulation.Log.Count > 0, "the event log says nothing about the step");

        // A click on the second street selects that process; a click on a lot selects the lot.
        var street = VmQuest.City.Virtual.VirtualDistrictPanel.StreetBounds(view.Layout.Virtual, 1);
        Click(xvfb, window, new System.Numerics.Vector2(street.X + (street.Width / 2), street.Y + 4));
        Assert.True(WaitFor(backend, view, loop, () => view.SelectedPid != 0 && view.SelectedFrame == -1), "clicking a street selected nothing");
        var lot = view.Camera.WorldToScreen(view.Grid.LotOrigin(5) + new System.Numerics.Vector2(0.5f, 0.5f));
        Click(xvfb, window, lot);
        Assert.True(WaitFor(backend, view, loop, () => view.SelectedFrame == 5), "clicking a lot did not select it");
    }

    private static void Click(XvfbServer xvfb, string window, System.Numerics.Vector2 at)
    {
        xvfb.XDoTool("mousemove", "--window", window, ((int)at.X).ToString(CultureInfo.InvariantCulture), ((int)at.Y).ToString(CultureInfo.InvariantCulture));
        xvfb.XDoTool("click", "1");
    }

    private static string FindWindow(XvfbServer xvfb, SdlRenderBackend backend, CityView view, FixedStepLoop loop, string title)
    {
        RunFrames(backend, view, loop, TimeSpan.FromMilliseconds(300));
        return xvfb.XDoTool("search", "--sync", "--name", title).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
    }

    private static List<TimeSpan> RunFrames(SdlRenderBackend backend, CityView view, FixedStepLoop loop, TimeSpan duration)
    {
        var times = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var start = clock.Elapsed;
            Frame(backend, view, loop);
            times.Add(clock.Elapsed - start);
        }

        return times;
    }

    private static bool WaitFor(SdlRenderBackend backend, CityView view, FixedStepLoop loop, Func<bool> seen)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Frame(backend, view, loop);
            if (seen())
            {
                return true;
            }
        }

        return false;
    }

    private static void Frame(SdlRenderBackend backend, CityView view, FixedStepLoop loop)
    {
        var input = backend.PollInput();
        view.Update(input);
        loop.Advance();
        backend.BeginFrame();
        view.Draw(backend);
        backend.EndFrame();
        Thread.Sleep(2);
    }
}
