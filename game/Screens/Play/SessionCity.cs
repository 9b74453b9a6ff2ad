using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Platform;
using VmQuest.Play;

namespace VmQuest.Screens.Play;

/// <summary>
/// The city of the session being played, embedded in a screen: a <see cref="CityView"/> over the session's kernel
/// whose animations and event log see every schedule tick of the session (an observer on
/// <see cref="LevelSession.TickObservers"/>, since the session clears its events at the end of each). Undo and
/// rewind replace the session (a fresh, re-simulated one): <see cref="Follow"/> then builds the city anew for it,
/// keeping the camera.
/// </summary>
public sealed class SessionCity : IDisposable
{
    private readonly IRenderBackend _backend;
    private readonly Func<TimeSpan> _elapsed;
    private RectF _viewport;
    private CityView? _view;

    /// <summary>A city for <paramref name="session"/> drawn in <paramref name="viewport"/>.</summary>
    public SessionCity(IRenderBackend backend, LevelSession session, RectF viewport, Func<TimeSpan> elapsed)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(elapsed);
        _backend = backend;
        _elapsed = elapsed;
        _viewport = viewport;
        Follow(session);
    }

    /// <summary>The session shown.</summary>
    public LevelSession Session { get; private set; } = null!;

    /// <summary>The city view.</summary>
    public CityView View => _view!;

    /// <summary>The simulation the view reads (its animations and event log).</summary>
    public CitySimulation Simulation { get; private set; } = null!;

    /// <summary>Shows <paramref name="session"/> from now on (a no-op when it is already shown).</summary>
    public void Follow(LevelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (ReferenceEquals(session, Session))
        {
            return;
        }

        Session?.TickObservers.Remove(Observe);
        var camera = _view?.Camera;
        _view?.Dispose();
        Session = session;
        Simulation = new CitySimulation(new SessionCityDriver(session));
        session.TickObservers.Add(Observe);
        var loop = new FixedStepLoop(Simulation.Tick, new StopwatchClock(), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(4));
        _view = new CityView(_backend, Simulation, loop, _elapsed, session.Level.Id, CityViewOptions.EmbeddedIn(_viewport));
        if (camera is { } kept)
        {
            _view.RestoreCamera(kept);
        }
    }

    /// <summary>Moves the city to <paramref name="viewport"/>.</summary>
    public void SetViewport(RectF viewport)
    {
        if (viewport != _viewport)
        {
            _viewport = viewport;
            View.SetViewport(viewport);
        }
    }

    /// <summary>Frees the view's textures and stops observing the session.</summary>
    public void Dispose()
    {
        Session?.TickObservers.Remove(Observe);
        _view?.Dispose();
    }

    private void Observe(VmQuest.Engine.Ecs.World world) => Simulation.Observe(world);
}
