using VmQuest.Speedrun;

namespace VmQuest.Tests.Game.Speedrun;

public sealed class SpeedrunClockTests
{
    private readonly ManualClock _time = new();

    [Fact]
    public void Split_AfterMenus_RealTimeIncludesThemAndLoadRemovedDoesNot()
    {
        var clock = new SpeedrunClock(_time);
        clock.Start();
        _time.Advance(10);          // playing level 1
        clock.EnterLoad();
        _time.Advance(4);           // results + briefing of level 2
        clock.LeaveLoad();
        _time.Advance(6);           // playing level 2

        var split = clock.Split(cumulativeCycles: 123_456, segments: 3);

        Assert.Equal(new SplitTime(123_456, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(16)), split);
        Assert.Equal(SpeedrunState.Running, clock.State);
    }

    [Fact]
    public void Split_WhileInLoad_LoadRemovedTimeStopsAtTheLoad()
    {
        var clock = new SpeedrunClock(_time);
        clock.Start();
        _time.Advance(3);
        clock.EnterLoad();
        _time.Advance(5);

        Assert.Equal(TimeSpan.FromSeconds(8), clock.RealTime);
        Assert.Equal(TimeSpan.FromSeconds(3), clock.LoadRemovedTime);
    }

    [Fact]
    public void Split_LastSegment_FinishesAndFreezesTheFigures()
    {
        var clock = new SpeedrunClock(_time);
        clock.Start();
        _time.Advance(2);
        clock.Split(10, segments: 1);
        _time.Advance(100);

        Assert.Equal(SpeedrunState.Finished, clock.State);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.RealTime);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.LoadRemovedTime);
        Assert.Null(clock.Split(20, segments: 1));
    }

    [Fact]
    public void Calls_OutOfOrder_AreIgnoredAndNeverCorruptTheFigures()
    {
        var clock = new SpeedrunClock(_time);
        clock.EnterLoad();
        Assert.Null(clock.Split(1, 2));
        clock.Start();
        clock.LeaveLoad();          // not in a load: ignored
        _time.Advance(1);
        clock.EnterLoad();
        clock.EnterLoad();          // twice: the second is ignored
        _time.Advance(1);
        clock.LeaveLoad();

        Assert.Equal(TimeSpan.FromSeconds(2), clock.RealTime);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.LoadRemovedTime);
    }

    [Fact]
    public void Reset_ClearsTheRunAndTellsListeners()
    {
        var clock = new SpeedrunClock(_time);
        var heard = new RecordingListener();
        clock.Subscribe(heard);
        clock.Start();
        _time.Advance(1);
        clock.EnterLoad();
        clock.LeaveLoad();
        clock.Split(5, 2);
        clock.Reset();

        Assert.Equal(SpeedrunState.NotStarted, clock.State);
        Assert.Empty(clock.Splits);
        Assert.Equal(["start", "load", "unload", "split 0", "reset"], heard.Events);
    }

    private sealed class RecordingListener : ISpeedrunListener
    {
        public List<string> Events { get; } = [];

        public void Started() => Events.Add("start");

        public void LoadStarted() => Events.Add("load");

        public void LoadEnded() => Events.Add("unload");

        public void Split(int index, SplitTime cumulative) => Events.Add($"split {index}");

        public void Reset() => Events.Add("reset");
    }
}
