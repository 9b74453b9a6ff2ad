using FsCheck;
using FsCheck.Fluent;
using VmQuest.Progress;
using VmQuest.Tests.Game.Speedrun;

namespace VmQuest.Tests.Game.Progress;

/// <summary>The three figures of an attempt: real time from the first input, load-removed time less menus, cycles from the kernel.</summary>
public sealed class GameProgressClockTests
{
    private readonly ManualClock _time = new();

    [Fact]
    public void LevelFinished_PauseMenuDuringPlay_RealTimeIncludesItLoadRemovedTimeDoesNot()
    {
        using var progress = new NullGameProgress(_time);
        progress.LevelStarted(ProgressSamples.Belady);
        _time.Advance(7);           // reading the play screen before the first input: not timed
        progress.PlayerActed();
        _time.Advance(10.25);
        progress.MenuEntered();     // the pause menu
        _time.Advance(3);
        progress.MenuLeft();
        _time.Advance(2);
        progress.PlayerActed();     // later inputs do not restart anything
        _time.Advance(0.5);
        var session = ProgressSamples.Optimal();

        var result = progress.LevelFinished(session);

        Assert.Equal(15_750, result.Times.RealMs);
        Assert.Equal(12_750, result.Times.LoadRemovedMs);
        Assert.Equal(session.Kernel.Machine.Clock.Cycles, result.Times.Cycles);
        Assert.True(result.Won);
        Assert.NotNull(result.Replay);
    }

    [Fact]
    public void LevelFinished_AnySequenceOfMenusAndPlay_RealIsTheTimeSinceTheFirstInputLoadRemovedIsThePlayedPart()
    {
        // Each step: n > 0 plays n ms, n < 0 spends -n ms in a menu (entered and left around it), 0 is an input.
        var property = Prop.ForAll(Gen.Choose(-5_000, 5_000).ListOf().ToArbitrary(), steps =>
        {
            var time = new ManualClock();
            using var progress = new NullGameProgress(time);
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            long played = 0, menus = 0;
            foreach (var step in steps)
            {
                if (step < 0)
                {
                    progress.MenuEntered();
                    time.Advance(-step / 1000.0);
                    progress.MenuLeft();
                    menus += -step;
                }
                else if (step > 0)
                {
                    time.Advance(step / 1000.0);
                    played += step;
                }
                else
                {
                    progress.PlayerActed();
                }
            }

            var result = progress.LevelFinished(ProgressSamples.Finished);
            // Whole milliseconds of doubles: within a millisecond either way.
            return Math.Abs(result.Times.RealMs - (played + menus)) <= 1
                && Math.Abs(result.Times.LoadRemovedMs - played) <= 1
                && result.Times.LoadRemovedMs <= result.Times.RealMs;
        });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void LevelFinished_NoInputAtAll_ZeroTimesAndStillAResult()
    {
        using var progress = new NullGameProgress(_time);
        progress.LevelStarted(ProgressSamples.Belady);
        _time.Advance(30);

        var result = progress.LevelFinished(ProgressSamples.Fifo());

        Assert.Equal(0, result.Times.RealMs);
        Assert.Equal(0, result.Times.LoadRemovedMs);
        Assert.True(result.Times.Cycles > 0);
    }

    [Fact]
    public void LevelFinished_MenuStillOpenAtTheEnd_LoadRemovedTimeStoppedAtTheMenu()
    {
        using var progress = new NullGameProgress(_time);
        progress.LevelStarted(ProgressSamples.Belady);
        progress.PlayerActed();
        _time.Advance(4);
        progress.MenuEntered();
        _time.Advance(6);

        var result = progress.LevelFinished(ProgressSamples.Optimal());

        Assert.Equal(10_000, result.Times.RealMs);
        Assert.Equal(4_000, result.Times.LoadRemovedMs);
    }

    [Fact]
    public void Timer_WhileRunning_ShowsRealAndLoadRemovedTimeSoFar()
    {
        using var progress = new NullGameProgress(_time);
        IGameProgress asInterface = progress;
        progress.LevelStarted(ProgressSamples.Belady);
        progress.PlayerActed();
        _time.Advance(5);
        progress.MenuEntered();
        _time.Advance(1);

        Assert.Equal(TimeSpan.FromSeconds(6), asInterface.Timer.RealTime);
        Assert.Equal(TimeSpan.FromSeconds(5), asInterface.Timer.LoadRemovedTime);
    }

    [Fact]
    public void LevelFinished_NoRecords_OptimumAndParsButNoPersonalBestOrMark()
    {
        using var progress = new NullGameProgress(_time);
        progress.LevelStarted(ProgressSamples.Belady);
        progress.PlayerActed();

        var result = progress.LevelFinished(ProgressSamples.Fifo());

        var faults = result.Metrics.Single(m => m.Name == "faults");
        Assert.Equal((9L, 7L, 7L), (faults.Value, faults.Par, faults.Optimum!.Value));
        Assert.False(faults.MeetsPar);
        Assert.Equal(9.0 / 7, faults.RatioToOptimum);
        Assert.All(result.Metrics, m => Assert.Null(m.PersonalBest));
        Assert.All(result.Metrics, m => Assert.False(m.IsNewRecord));
        Assert.False(result.Recorded);
        Assert.Null(result.Note);
        Assert.Equal(["faults", "actions", "cycles"], result.Metrics.Select(m => m.Name));
    }

    [Fact]
    public void LevelFinished_SessionNotOver_RefusedAsAProgrammingError()
    {
        using var progress = new NullGameProgress(_time);
        var session = new VmQuest.Play.VictimSession(ProgressSamples.Belady);

        Assert.Throws<InvalidOperationException>(() => progress.LevelFinished(session));
    }

    [Fact]
    public void LevelFinished_Lost_NoReplayAndTheFailureSaysWhy()
    {
        using var progress = new NullGameProgress(_time);
        progress.LevelStarted(ProgressSamples.Belady);
        progress.PlayerActed();

        var result = progress.LevelFinished(new LostSession(ProgressSamples.Belady));

        Assert.False(result.Won);
        Assert.Equal(LostSession.Why, result.Failure);
        Assert.Null(result.Replay);
        Assert.Throws<InvalidOperationException>(() => progress.SaveReplay(result, "unused.vmqr"));
    }
}
