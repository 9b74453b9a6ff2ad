using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>Issue 11 item 7: yield and sleep give the CPU to the next process, in round-robin order.</summary>
public class WorkloadRunnerSchedulingTests
{
    private static (KernelCore Kernel, WorkloadRunner Runner, List<WorkloadStep> Steps) Run(params string[] programs)
    {
        var kernel = NewKernel(memoryBytes: 32UL << 20);
        var runner = new WorkloadRunner(kernel);
        for (var i = 0; i < programs.Length; i++)
        {
            runner.Spawn(WorkloadParser.Parse(programs[i], $"p{i + 1}.vmw"));
        }

        var steps = new List<WorkloadStep>();
        while (runner.Step() is { } step)
        {
            steps.Add(step);
            Assert.True(steps.Count < 10_000, "the workloads never finished");
        }

        KernelInvariants.Check(kernel);
        return (kernel, runner, steps);
    }

    // "pid:line" for each step, the order in which the processes ran.
    private static string Order(List<WorkloadStep> steps) =>
        string.Join(" ", steps.Select(s => $"{s.Pid}:{s.Action.Position.Line}"));

    // Four demand-zero writes: at least 8,000 cycles of work (a minor fault is about 2,000).
    private const string Worker = "malloc b 16K\nfor i in 0..4\n  write b + i*4K = i\nend\n";

    [Fact]
    public void Yield_ThreeProcesses_SwitchesAtEveryYieldInRoundRobinOrder()
    {
        const string program = "malloc b 16\nrepeat 2\n  write b = 1\n  yield\nend\n";

        var (kernel, _, steps) = Run(program, program, program);

        Assert.Equal(
            "1:1 1:3 1:4 2:1 2:3 2:4 3:1 3:3 3:4 1:3 1:4 2:3 2:4 3:3 3:4 1:0 2:0 3:0",
            Order(steps));
        Assert.Equal(9, kernel.Counters.ContextSwitches);
    }

    [Fact]
    public void Yield_OneProcessAlone_KeepsTheCpuWithoutASwitch()
    {
        var (kernel, runner, steps) = Run("yield\nyield\nexit 4\n");

        Assert.Equal("1:1 1:2 1:3", Order(steps));
        Assert.Equal(1, kernel.Counters.ContextSwitches);
        Assert.Equal(4, runner.Exited[1].Status);
    }

    [Fact]
    public void Sleep_WhileAsleep_TheOtherProcessRunsThenTheSleeper()
    {
        var (_, _, steps) = Run("sleep 5000\nexit 1\n", Worker);

        Assert.Equal("1:1 2:1 2:3 2:3 2:3 2:3 2:0 1:2", Order(steps));
    }

    [Fact]
    public void Sleep_OthersRunDuringTheSleep_TheClockDoesNotAddTheSleepToTheirWork()
    {
        var (kernel, _, _) = Run("sleep 100000\n", Worker);

        // pid 2's work happens while pid 1 sleeps: the run ends soon after pid 1's wake-up (about 101,000 cycles),
        // not after sleep + work (109,000 or more) as when sleep only advanced the clock.
        Assert.InRange(kernel.Machine.Clock.Cycles, 100_000, 104_000);
    }

    [Fact]
    public void Sleep_EveryoneAsleep_TheCpuIdlesToTheEarliestWakeUp()
    {
        var (kernel, runner, steps) = Run("sleep 50000\nexit 1\n", "sleep 20000\nexit 2\n");

        // Both sleep; the clock jumps to pid 2's wake-up first, then to pid 1's.
        Assert.Equal("1:1 2:1 2:2 1:2", Order(steps));
        Assert.Equal((1, 2), (runner.Exited[1].Status, runner.Exited[2].Status));
        Assert.InRange(kernel.Machine.Clock.Cycles, 50_000, 60_000);
    }

    [Fact]
    public void Sleep_PastTheEndOfTheClock_WakesAtTheSaturatedEnd()
    {
        var (kernel, runner, _) = Run("sleep 0x7fffffffffffffff\nsleep 0x7fffffffffffffff\nexit 5\n");

        Assert.Equal(long.MaxValue, kernel.Machine.Clock.Cycles);
        Assert.Equal(5, runner.Exited[1].Status);
    }

    [Fact]
    public void SleepingUntil_AsleepThenAwake_ReportsTheWakeCycleOnlyWhileAsleep()
    {
        var kernel = NewKernel();
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse("sleep 7000\nexit 0\n", "s.vmw"));
        runner.Spawn(WorkloadParser.Parse("exit 0\n", "t.vmw"));

        var start = kernel.Machine.Clock.Cycles;
        runner.Step();

        Assert.Equal(ProcessState.Blocked, kernel.Info(1).State);
        Assert.True(runner.SleepingUntil(1) >= start + 7_000);
        Assert.False(runner.IsIdle);
        runner.RunUntilIdle();
        Assert.Null(runner.SleepingUntil(1));
        Assert.True(runner.IsIdle);
    }

    [Fact]
    public void Sleep_ParentAsleepWhenItsChildExits_SleepsOnUntilItsTime()
    {
        var (kernel, runner, steps) = Run("fork\nif child\n  exit 3\nend\nsleep 900000\nwait\n");

        var reap = steps.Single(s => s.Action is WaitAction);
        Assert.Equal(1, reap.Pid);
        Assert.True(kernel.Machine.Clock.Cycles >= 900_000);
        Assert.Equal(3, runner.Exited[2].Status);
    }
}
