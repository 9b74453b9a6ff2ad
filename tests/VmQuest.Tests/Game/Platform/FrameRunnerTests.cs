using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class FrameRunnerTests
{
    [Fact]
    public void RunInteractive_EachFrame_PollsUpdatesTicksThenDraws_UntilClose()
    {
        var backend = new RecordingRenderBackend();
        var clock = new StepClock(TimeSpan.FromMilliseconds(20));
        var ticks = 0;
        var loop = new FixedStepLoop(() => backend.Calls.Add($"tick {++ticks}"), clock, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Normal,
        };
        backend.QueueInput(_ => { });
        backend.QueueInput(input => input.RequestClose());
        var runner = new FrameRunner(backend, loop) { TargetFrameTime = TimeSpan.Zero };
        var updates = 0;

        runner.RunInteractive(_ => ++updates > 0, b => b.Clear(Palette.Background), clock);

        Assert.Equal(1, runner.Frames);
        Assert.Equal(1, updates);
        var first = backend.Calls.IndexOf("PollInput");
        var tick = backend.Calls.FindIndex(c => c.StartsWith("tick", StringComparison.Ordinal));
        var begin = backend.Calls.IndexOf("BeginFrame");
        Assert.True(first < tick && tick < begin, string.Join(", ", backend.Calls));
        Assert.Equal("PollInput", backend.Calls[^1]); // the close request ends the run before any more work
    }

    [Fact]
    public void RunInteractive_UpdateReturnsFalse_Stops()
    {
        var backend = new RecordingRenderBackend();
        var clock = new StepClock(TimeSpan.FromMilliseconds(1));
        var loop = new FixedStepLoop(() => { }, clock, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(8));
        var runner = new FrameRunner(backend, loop) { TargetFrameTime = TimeSpan.Zero };
        var frames = 0;
        runner.RunInteractive(_ => ++frames < 3, _ => { }, clock);
        Assert.Equal(2, runner.Frames);
    }

    [Fact]
    public void RunInteractive_AtMaxSpeed_WithAnEndlessSimulation_StillReadsInputEveryFrame()
    {
        // Every tick costs 3 ms; at max speed the loop would tick forever if it did not stop at its 8 ms budget.
        var backend = new RecordingRenderBackend();
        var clock = new ManualClock();
        var loop = new FixedStepLoop(() => clock.Now += TimeSpan.FromMilliseconds(3), clock, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(8))
        {
            Speed = SimulationSpeed.Max,
        };
        backend.QueueInput(_ => { });
        backend.QueueInput(_ => { });
        backend.QueueInput(input => input.RequestClose());
        var runner = new FrameRunner(backend, loop) { TargetFrameTime = TimeSpan.Zero };

        runner.RunInteractive(_ => true, _ => { }, clock);

        Assert.Equal(2, runner.Frames);
        Assert.Equal(6, loop.TicksRun); // 3 ticks (9 ms ≥ 8 ms budget) per frame
    }

    [Fact]
    public void RenderScreenshot_RunsExactTicks_ThenDrawsAndSavesBeforePresenting()
    {
        var backend = new RecordingRenderBackend();
        var ticks = 0;
        var loop = new FixedStepLoop(() => ticks++, new StepClock(TimeSpan.Zero), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(1));
        var runner = new FrameRunner(backend, loop);

        runner.RenderScreenshot(1234, b => b.DrawText($"ticks {ticks}", default, 10, Palette.Text), "/tmp/x.png");

        Assert.Equal(1234, ticks);
        Assert.Equal(["PollInput", "BeginFrame", "DrawText ticks 1234", "SavePng /tmp/x.png", "EndFrame"], backend.Calls);
    }

    private sealed class ManualClock : IClock
    {
        public TimeSpan Now { get; set; }
    }

    /// <summary>A clock that moves forward a fixed step every time it is read.</summary>
    private sealed class StepClock(TimeSpan step) : IClock
    {
        private TimeSpan _now;

        public TimeSpan Now => _now += step;
    }
}
