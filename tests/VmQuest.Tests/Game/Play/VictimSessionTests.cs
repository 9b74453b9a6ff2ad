using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Model;
using VmQuest.Play;

namespace VmQuest.Tests.Game.Play;

public class VictimSessionTests
{
    [Fact]
    public void Run_MemoryFull_WaitsForThePlayerAtTheFourthReference()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run();

        // 1 2 3 fill the three frames; page 4 (tick 3) needs a victim.
        Assert.True(session.IsWaiting);
        Assert.Equal(3, session.Tick);
        Assert.Equal([1UL, 2UL, 3UL], session.ResidentFrames().Select(session.PageIn).Order());
        session.Run();
        Assert.Equal(3, session.Tick);
    }

    [Fact]
    public void ChooseVictim_OptimalChoices_FaultAsOftenAsOpt()
    {
        var level = ShippedLevels.Belady();
        var session = new VictimSession(level);
        OptimalVictimPlayer.PlayToEnd(session);

        Assert.True(session.IsFinished);
        Assert.Equal(7, VictimOptimum.OptFaults(level));
        Assert.Equal(7, session.Metric(MetricKind.Faults));
        Assert.Equal(4, session.Metric(MetricKind.Actions));
        Assert.Equal(0, session.Metric(MetricKind.Mistakes));
    }

    [Fact]
    public void Run_WithoutTheVictimMechanic_IsLinuxFifoWithNineFaults()
    {
        var level = ShippedLevels.Belady() with { Player = new LevelPlayer([], false) };
        var session = new VictimSession(level);
        session.Run();

        Assert.True(session.IsFinished);
        Assert.Equal(9, session.Metric(MetricKind.Faults));
        Assert.Equal(0, session.Metric(MetricKind.Actions));
    }

    [Fact]
    public void ChooseVictim_PageTableFrame_IsRefusedWithWhyAndCountedAsMistake()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run();
        var table = Enumerable.Range(0, session.Kernel.Frames.Count).Select(f => (ulong)f)
            .First(f => session.Kernel.UseOf(f) == FrameUse.PageTable);

        var why = session.ChooseVictim(table);

        Assert.Contains("page table", why);
        Assert.Equal(1, session.Mistakes);
        Assert.True(session.IsWaiting);
        Assert.Equal("mistake", session.AppliedActions.Single().Kind);
    }

    [Fact]
    public void ChooseVictim_FreeOrMissingFrame_IsRefusedWithWhy()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run();
        var free = Enumerable.Range(0, session.Kernel.Frames.Count).Select(f => (ulong)f)
            .First(f => session.Kernel.UseOf(f) == FrameUse.Free);

        Assert.Contains("is free", session.ChooseVictim(free));
        Assert.Contains("does not exist", session.ChooseVictim(1_000_000));
        Assert.Equal(2, session.Mistakes);
        Assert.Equal(0, session.Actions);
    }

    [Fact]
    public void ChooseVictim_NothingPending_IsRefused()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        session.Run(untilTick: 2);

        Assert.Contains("no decision is pending at tick 2", session.ChooseVictim(session.ResidentFrames()[0]));
    }

    [Fact]
    public void Create_LevelWithUnmeasurableMetric_IsOneLineLevelError()
    {
        var level = ShippedLevels.Belady();
        level = level with { Metrics = [.. level.Metrics, new LevelMetric(MetricKind.PolicySize, 3)] };

        var error = Assert.Throws<FormatParseException>(() => new VictimSession(level));

        Assert.Contains("metric 'policy-size' cannot be measured on a victim level", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ToReplay_FinishedRun_ClaimsItsMetricsInTheLevelsOrder()
    {
        var session = new VictimSession(ShippedLevels.Belady());
        OptimalVictimPlayer.PlayToEnd(session);

        var replay = session.ToReplay();

        Assert.Equal(["faults", "actions", "cycles"], replay.Claims.Select(c => c.Name));
        Assert.Equal(4, replay.Actions.Count);
        Assert.Equal([4L, 8L, 12L], replay.Checkpoints.Select(c => c.Tick));
        Assert.Equal("sha256:" + session.Level.Hash, replay.LevelHash);
    }
}
