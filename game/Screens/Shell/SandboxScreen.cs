using VmQuest.City;
using VmQuest.City.Simulation;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell;

/// <summary>
/// The sandbox city (the same view <c>vmquest sandbox</c> opens) as a screen of the game: its own keys (h shows
/// them all), R runs it again, Esc comes back to the title.
/// </summary>
public sealed class SandboxScreen : IScreen, IDisposable
{
    /// <summary>Real time of one simulation tick at 1× (as in <c>vmquest sandbox</c>).</summary>
    public static readonly TimeSpan TickDuration = TimeSpan.FromSeconds(1.0 / 30);

    private readonly IRenderBackend _backend;
    private readonly SandboxSettings _settings;
    private readonly FixedStepLoop _loop;
    private readonly CityView _view;
    private readonly CitySimulation _simulation;

    /// <summary>Boots the sandbox machine of <paramref name="settings"/> at <paramref name="speed"/>.</summary>
    public SandboxScreen(IRenderBackend backend, SandboxSettings settings, SimulationSpeed speed)
        : this(backend, new CitySimulation(new SandboxSession(settings)), speed, null)
    {
    }

    // A screen on a run already made (a loaded save), with a note for the HUD.
    private SandboxScreen(IRenderBackend backend, CitySimulation simulation, SimulationSpeed speed, string? note)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var settings = ((SandboxSession)simulation.Driver).Settings;
        _backend = backend;
        _settings = settings;
        Speed = speed;
        var clock = new StopwatchClock();
        _loop = new FixedStepLoop(simulation.Tick, clock, TickDuration, TimeSpan.FromMilliseconds(8)) { Speed = speed };
        _view = new CityView(backend, simulation, _loop, () => clock.Now, "VmQuest sandbox · " + SandboxMachine.Summary(settings));
        _simulation = simulation;
        if (note is not null)
        {
            _view.Note(note);
        }
    }

    /// <summary>The speed the city started at.</summary>
    public SimulationSpeed Speed { get; }

    /// <inheritdoc/>
    public string Name => "sandbox";

    /// <inheritdoc/>
    public bool IsMenu => true; // not a level: no speedrun time runs here

    /// <inheritdoc/>
    public bool IsOverlay => false;

    /// <inheritdoc/>
    public ScreenTransition? Update(InputState input, UiContext ui)
    {
        if (!_view.Update(input))
        {
            if (_view.LoadRequested)
            {
                // F9: the save file's run in place of this one (or this one, when it cannot be loaded).
                var (loaded, note) = SandboxSaveFile.LoadOrKeep(Path.GetFullPath(CityView.SaveFileName), _simulation);
                return new ScreenTransition.Replace(new SandboxScreen(_backend, loaded, Speed, note));
            }

            if (_view.RestartWith is { } changed)
            {
                return new ScreenTransition.Replace(new SandboxScreen(_backend, changed, Speed));
            }

            return _view.RestartRequested
                ? new ScreenTransition.Replace(new SandboxScreen(_backend, _settings, Speed))
                : new ScreenTransition.Pop();
        }

        _loop.Advance();
        return null;
    }

    /// <inheritdoc/>
    public void Draw(IRenderBackend backend, UiContext ui) => _view.Draw(backend);

    /// <inheritdoc/>
    public void Dispose() => _view.Dispose();
}
