using VmQuest.City.Simulation;
using VmQuest.Platform;

namespace VmQuest.City;

/// <summary>The sandbox's own keys: fork and kill the selected process (a <see cref="SandboxSession"/> only).</summary>
public sealed partial class CityView
{
    /// <summary>The sandbox run the keys act on, or null when the city shows something else (a level, a replay).</summary>
    private SandboxSession? Session => _simulation.Driver as SandboxSession;

    // F forks, K kills the selected process; what happened is the HUD's note, the event log narrates the kernel's side.
    private void UpdateSandboxKeys(InputState input)
    {
        if (Session is not { } session)
        {
            return;
        }

        if (input.IsKeyPressed(Key.F))
        {
            AfterAction(session.Apply(SandboxVerb.Fork, SelectedPid));
        }
        else if (input.IsKeyPressed(Key.K))
        {
            AfterAction(session.Apply(SandboxVerb.Kill, SelectedPid));
        }
    }

    // The action changed processes between ticks: redraw the streets, the city hall and the selection now.
    private void AfterAction(string note)
    {
        ActionNote = note;
        _selectionDirty = true;
        RefreshCaches(force: true);
    }
}
