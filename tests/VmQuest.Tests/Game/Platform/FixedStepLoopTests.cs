using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class FixedStepLoopTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(8);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20)]
    public void Normal_NTickDurations_GiveNTicks(int n)
    {
        var (loop, clock, ticks) = Create(SimulationSpeed.Normal);
        clock.Advance(Tick * n);
        Assert.Equal(n, loop.Advance());
        Assert.Equal(n, ticks.Count);
    }

    [Fact]
    public void Normal_PartialTicks_CarryOverWithoutDrift()
    {
        var (loop, clock, _) = Create(SimulationSpeed.Normal);
        var total = 0;
        for (var frame = 0; frame < 300; frame++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(16.6)); // ~60 fps against a 100 Hz simulation
            total += loop.Advance();
        }

        Assert.Equal(498, total); // 300 × 16.6 ms = 4980 ms = 498 ticks exactly
    }

    [Fact]
    public void Fast_RunsFourTimesAsManyTicks()
    {
        var (loop, clock, _) = Create(SimulationSpeed.Fast);
        clock.Advance(Tick * 5);
        Assert.Equal(20, loop.Advance());
    }

    [Fact]
    public void Paused_GivesNoTicks()
    {
        var (loop, clock, _) = Create(SimulationSpeed.Paused);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, loop.Advance());
    }

    [Fact]
    public void Step_GivesExactlyOneTick_ThenStaysPaused()
    {
        var (loop, clock, _) = Create(SimulationSpeed.Normal);
        loop.Step();
        clock.Advance(Tick * 10);
        Assert.Equal(1, loop.Advance());
        Assert.Equal(SimulationSpeed.Paused, loop.Speed);
        clock.Advance(Tick * 10);
        Assert.Equal(0, loop.Advance());
    }

    [Fact]
    public void Max_RunsTicksUntilTheFrameBudgetIsSpent()
    {
        // Each tick costs 1 ms of (fake) real time; the budget is 8 ms, so one frame runs exactly 8 ticks.
        var clock = new FakeClock();
        var ticks = 0;
        var loop = new FixedStepLoop(() => { ticks++; clock.Advance(TimeSpan.FromMilliseconds(1)); }, clock, Tick, Budget)
        {
            Speed = SimulationSpeed.Max,
        };
        Assert.Equal(8, loop.Advance());
        Assert.Equal(8, loop.Advance());
        Assert.Equal(16, ticks);
    }

    [Fact]
    public void Max_WithASlowTick_StillReturnsAfterOneTick()
    {
        var clock = new FakeClock();
        var loop = new FixedStepLoop(() => clock.Advance(TimeSpan.FromMilliseconds(50)), clock, Tick, Budget)
        {
            Speed = SimulationSpeed.Max,
        };
        Assert.Equal(1, loop.Advance());
    }

    [Fact]
    public void Normal_BacklogBeyondTheBudget_IsDropped_NotCarried()
    {
        // Ticks cost 5 ms but arrive every 10 ms at 4×: only two fit the 8 ms budget each frame.
        var clock = new FakeClock();
        var loop = new FixedStepLoop(() => clock.Advance(TimeSpan.FromMilliseconds(5)), clock, Tick, Budget)
        {
            Speed = SimulationSpeed.Fast,
        };
        clock.Advance(Tick * 5);
        Assert.Equal(2, loop.Advance());
        Assert.Equal(18, loop.TicksDropped);
        Assert.True(loop.Alpha < 1);
    }

    [Fact]
    public void RunTicks_RunsExactlyN_RegardlessOfSpeedAndClock()
    {
        var (loop, _, ticks) = Create(SimulationSpeed.Paused);
        loop.RunTicks(1000);
        Assert.Equal(1000, ticks.Count);
        Assert.Equal(1000, loop.TicksRun);
    }

    [Fact]
    public void LongStall_CountsAsAtMostMaxFrameGap()
    {
        var (loop, clock, _) = Create(SimulationSpeed.Normal);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(25, loop.Advance()); // 250 ms / 10 ms
    }

    private static (FixedStepLoop Loop, FakeClock Clock, List<int> Ticks) Create(SimulationSpeed speed)
    {
        var clock = new FakeClock();
        var ticks = new List<int>();
        var loop = new FixedStepLoop(() => ticks.Add(ticks.Count), clock, Tick, Budget) { Speed = speed };
        return (loop, clock, ticks);
    }

    private sealed class FakeClock : IClock
    {
        public TimeSpan Now { get; private set; }

        public void Advance(TimeSpan by) => Now += by;
    }
}
