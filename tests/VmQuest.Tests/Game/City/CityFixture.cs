using System.Numerics;
using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>A sandbox city on any backend, with a fake clock so nothing depends on timing.</summary>
internal sealed class CityFixture : IDisposable
{
    public CityFixture(IRenderBackend backend, long frames, int processes = 3, double warmFill = 0.2)
    {
        Simulation = new CitySimulation(new SandboxSession(new SandboxSettings { Frames = frames, Processes = processes, WarmFill = warmFill }));
        Loop = new FixedStepLoop(Simulation.Tick, new StopwatchClock(), TimeSpan.FromSeconds(1.0 / 30), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Normal,
        };
        View = new CityView(backend, Simulation, Loop, () => TimeSpan.Zero, "test city");
    }

    public CitySimulation Simulation { get; }

    public FixedStepLoop Loop { get; }

    public CityView View { get; }

    /// <summary>Where <paramref name="frame"/>'s lot is on screen.</summary>
    public RectF LotOnScreen(long frame)
    {
        var origin = View.Grid.LotOrigin(frame);
        return View.Camera.WorldToScreen(new RectF(origin.X, origin.Y, 1, 1));
    }

    /// <summary>A point at (fx, fy) of the lot's size inside its screen rect.</summary>
    public Vector2 PointIn(long frame, float fx, float fy)
    {
        var rect = LotOnScreen(frame);
        return new Vector2(rect.X + (rect.Width * fx), rect.Y + (rect.Height * fy));
    }

    /// <summary>Runs frames with no input until every effect has faded.</summary>
    public void SettleEffects()
    {
        for (var i = 0; i < 40; i++)
        {
            View.Update(new InputState());
        }
    }

    public void Dispose() => View.Dispose();
}
