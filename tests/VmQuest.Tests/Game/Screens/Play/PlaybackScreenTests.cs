using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Play;

[Collection(SdlTestGroup.Name)]
public sealed class PlaybackScreenTests
{
    private static ReplayFile Solution(out VmQuest.Levels.Model.Level level)
    {
        level = ShippedLevels.Belady();
        return ReplayReader.Read(Path.Combine(level.Folder, "belady.solution.vmqr"));
    }

    [Fact]
    public void ChangedClaim_IsRefusedWithTheVerifiersReason_AndNothingPlays()
    {
        var replay = Solution(out var level);
        var tampered = replay with { Claims = [.. replay.Claims.Select(m => m.Name == "faults" ? m with { Value = m.Value - 1 } : m)] };

        using var driver = new ScreenDriver(new PlaybackScreen(tampered, level));
        var screen = (PlaybackScreen)driver.Screen;

        Assert.NotNull(screen.Refusal);
        Assert.Equal(ReplayVerifier.Verify(tampered, level).Reason, screen.Refusal);
        Assert.Null(screen.Session);
        Assert.IsType<ScreenTransition.Pop>(driver.Press(Key.Enter));
    }

    [Fact]
    public void At64x_PlaysToTheEnd_WithTheReplaysStateHashesAndMetrics()
    {
        var replay = Solution(out var level);
        using var driver = new ScreenDriver(new PlaybackScreen(replay, level));
        var screen = (PlaybackScreen)driver.Screen;

        driver.Press(Key.D7);
        Assert.Equal(64, screen.Speed);
        for (var i = 0; i < 600 && !screen.Finished; i++)
        {
            driver.Frame();
        }

        Assert.True(screen.Finished);
        Assert.True(screen.Session!.IsWon);
        Assert.Equal(replay.Checkpoints, screen.Session.Checkpoints);
        Assert.Equal(replay.Claims, screen.Session.Metrics());
    }

    [Fact]
    public void Space_Pauses_N_StepsOneTick()
    {
        var replay = Solution(out var level);
        using var driver = new ScreenDriver(new PlaybackScreen(replay, level, paused: true));
        var screen = (PlaybackScreen)driver.Screen;
        for (var i = 0; i < 60; i++)
        {
            driver.Frame();
        }

        Assert.Equal(0, screen.Session!.Tick);
        driver.Press(Key.N);
        Assert.Equal(1, screen.Session.Tick);
        driver.Press(Key.Space);
        Assert.False(screen.Paused);
    }

    [Fact]
    public void TheCitysEventLogAndFaultCount_FollowThePlayback()
    {
        var replay = Solution(out var level);
        using var driver = new ScreenDriver(new PlaybackScreen(replay, level));
        var screen = (PlaybackScreen)driver.Screen;
        var city = typeof(PlaybackScreen).GetField("_city", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(screen) as SessionCity;

        screen.RunTicks(100);

        Assert.NotNull(city);
        Assert.True(city.Simulation.Log.Total > 0, "the replay window's event log is empty");
        Assert.Equal(7, city.Simulation.Driver.FaultCount);
        // The kernel counts every attempt, including the retries while a victim was chosen: not what the HUD shows.
        Assert.True(screen.Session!.Kernel.Counters.Faults > 7);
    }

    [Fact]
    public void ReplayCityDriver_TheFullWindowCitysLogAndFaultCount_FollowTheSession()
    {
        var replay = Solution(out var level);
        var driver = new ReplayDriver(replay, level);
        var simulation = ReplayCityDriver.Attach(driver);

        while (!simulation.Finished)
        {
            simulation.Tick();
        }

        Assert.True(simulation.Log.Total > 0, "the replay's event log is empty");
        Assert.Equal(7, simulation.Driver.FaultCount);
    }
}
