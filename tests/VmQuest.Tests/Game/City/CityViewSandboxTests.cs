using VmQuest.City.Simulation;
using VmQuest.Platform;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>The sandbox's keys in the city: F forks, K kills the selected process, the HUD says what happened.</summary>
public sealed class CityViewSandboxTests
{
    private static InputState Press(Key key)
    {
        var input = new InputState();
        input.BeginFrame();
        input.PressKey(key);
        return input;
    }

    [Fact]
    public void Update_TabThenF_ForksTheSelectedProcessAndNotesIt()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 256, processes: 1);
        city.View.Update(Press(Key.Tab));
        Assert.Equal(1, city.View.SelectedPid);

        Assert.True(city.View.Update(Press(Key.F)));

        Assert.Equal(2, city.Simulation.Kernel.Pids.Count);
        Assert.Contains("pid 1 forked pid", city.View.ActionNote, StringComparison.Ordinal);
        Assert.Single(((SandboxSession)city.Simulation.Driver).Actions);
    }

    [Fact]
    public void Update_K_KillsTheSelectedProcess()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 256, processes: 3);
        city.View.Update(Press(Key.Tab));
        var pid = city.View.SelectedPid;

        city.View.Update(Press(Key.K));

        Assert.Equal(SandboxSession.SigTerm, city.Simulation.Kernel.Info(pid).KilledBy);
        Assert.Contains("killed by SIGTERM", city.View.ActionNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_FWithNothingSelected_SaysToSelectAProcess()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 256, processes: 1);

        city.View.Update(Press(Key.F));

        Assert.Single(city.Simulation.Kernel.Pids);
        Assert.StartsWith("select a process first", city.View.ActionNote, StringComparison.Ordinal);
    }
}
