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

    private static InputState Typed(string text)
    {
        var input = new InputState();
        input.BeginFrame();
        input.AddText(text);
        return input;
    }

    [Fact]
    public void Update_ConsoleTypedAndEnter_RunsTheLineInTheSelectedProcessAndTakesEveryKey()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 256, processes: 1);
        city.View.Update(Press(Key.Tab));

        var opening = Press(Key.C);
        opening.AddText("c"); // the text event of the key that opened it
        city.View.Update(opening);
        Assert.True(city.View.SandboxConsole.IsOpen);
        Assert.Equal("", city.View.SandboxConsole.Typed);

        city.View.Update(Typed("mmap m 4K"));
        Assert.True(city.View.Update(Press(Key.R))); // R types nothing here: no restart while the console is open
        Assert.False(city.View.RestartRequested);
        city.View.Update(Press(Key.Enter));

        Assert.Contains("m = 0x", city.View.SandboxConsole.Result, StringComparison.Ordinal);
        Assert.Equal("mmap m 4K", Assert.Single(((SandboxSession)city.Simulation.Driver).Actions).Line);
        city.View.Update(Press(Key.Up));
        Assert.Equal("mmap m 4K", city.View.SandboxConsole.Typed);
        city.View.Update(Press(Key.Escape));
        Assert.False(city.View.SandboxConsole.IsOpen);
        Assert.True(city.View.Update(new InputState())); // Esc closed the console, it did not quit
    }

    [Fact]
    public void Draw_OpenConsole_ShowsThePromptAndTheResult()
    {
        var backend = new RecordingRenderBackend();
        using var city = new CityFixture(backend, 256, processes: 1);
        city.View.Update(Press(Key.Tab));
        city.View.Update(Press(Key.C));
        city.View.Update(Typed("bogus"));
        city.View.Update(Press(Key.Enter));
        city.View.Update(Typed("fork"));

        city.View.Draw(backend);

        Assert.Contains(backend.Calls, c => c.Contains("pid 1> fork_", StringComparison.Ordinal));
        Assert.Contains(backend.Calls, c => c.Contains("<console>:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_SettingsPanelChangedAndApplied_TheViewAsksToRestartWithThem()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 256, processes: 1);
        city.View.Update(Press(Key.O));
        Assert.True(city.View.SandboxSettingsPanel.IsOpen);
        city.View.Update(Press(Key.Down)); // frames
        city.View.Update(Press(Key.Left)); // 256 → 128

        Assert.False(city.View.Update(Press(Key.Enter)));

        Assert.Equal(128, city.View.RestartWith?.Frames);
    }

    [Fact]
    public void Update_SettingsPanelEscape_ClosesWithoutChange()
    {
        using var city = new CityFixture(new RecordingRenderBackend(), 256, processes: 1);
        city.View.Update(Press(Key.O));
        city.View.Update(Press(Key.Right));

        Assert.True(city.View.Update(Press(Key.Escape)));

        Assert.False(city.View.SandboxSettingsPanel.IsOpen);
        Assert.Null(city.View.RestartWith);
    }
}
