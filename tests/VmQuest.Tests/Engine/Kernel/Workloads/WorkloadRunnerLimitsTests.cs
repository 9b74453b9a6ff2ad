using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>Issue 8: exhaustion and misuse reach a workload as Linux and glibc report them; every run is bounded.</summary>
public class WorkloadRunnerLimitsTests
{
    private static (KernelCore Kernel, WorkloadRunner Runner, List<WorkloadStep> Steps) Run(string text, KernelOptions? options = null, int maxSteps = 100_000)
    {
        var kernel = NewKernel(memoryBytes: 32UL << 20, options: options);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse(text, "test.vmw"));
        var steps = new List<WorkloadStep>();
        while (steps.Count < maxSteps && runner.Step() is { } step)
        {
            steps.Add(step);
        }

        KernelInvariants.Check(kernel);
        return (kernel, runner, steps);
    }

    [Fact]
    public void Step_ForkBombAtTheProcessLimit_ForkReturnsMinusOneWithEagainAndIfFailedRuns_Issue8()
    {
        var (kernel, runner, steps) = Run("repeat 20\n  fork\n  if failed\n    exit 3\n  end\nend\n", new KernelOptions { MaxProcesses = 8 });

        Assert.True(runner.IsIdle);
        Assert.Contains(steps, s => s.Note == "fork = -1, EAGAIN: the limit of 8 processes is reached");
        Assert.True(kernel.Counters.ForkFailures > 0);
        Assert.Contains(runner.Exited.Values, e => e.Status == 3);
        Assert.True(steps.Count < 1_000, $"{steps.Count} steps");
    }

    [Fact]
    public void Step_FreeTwice_AbortsWithGlibcsMessage_Issue8()
    {
        var (_, runner, steps) = Run("malloc a 64\nfree a\nfree a\nexit 0\n");

        Assert.Contains(steps, s => s.Note == "free(): double free detected in tcache 2: aborted (SIGABRT)");
        Assert.Equal(KernelCore.SigAbrt, Assert.Single(runner.Exited.Values).Signal);
    }

    [Fact]
    public void Step_FreeOfAPointerMallocDidNotReturn_AbortsInvalidPointer_Issue8()
    {
        var (_, runner, steps) = Run("mmap m 4096\nfree m\nexit 0\n");

        Assert.Contains(steps, s => s.Note is { } n && n.StartsWith("free(): invalid pointer", StringComparison.Ordinal));
        Assert.Equal(KernelCore.SigAbrt, Assert.Single(runner.Exited.Values).Signal);
    }

    [Fact]
    public void Step_FreeOfALiveBlockThenOfNull_Fine_Issue8()
    {
        var (_, runner, _) = Run("malloc a 64\nmalloc b 200000\nfree a\nfree b\nexit 0\n");

        Assert.Equal((0, 0), (Assert.Single(runner.Exited.Values).Status, runner.Exited.Values.Single().Signal));
    }

    [Fact]
    public void Step_SleepPastTheEndOfTime_TheCycleCounterSaturatesNeverWraps_Issue8()
    {
        var (kernel, _, _) = Run("sleep 9223372036854775807\nsleep 9223372036854775807\nread stack\nexit 0\n");

        Assert.Equal(long.MaxValue, kernel.Machine.Clock.Cycles);
    }

    [Fact]
    public void Step_EndlessRepeat_EveryStepReturnsAndTheCallerBoundsTheRun_Issue8()
    {
        var (_, runner, steps) = Run("repeat 9223372036854775807\n  read stack\nend\n", maxSteps: 5_000);

        Assert.Equal(5_000, steps.Count);
        Assert.False(runner.IsIdle);
    }

    [Fact]
    public void Step_StringLiteralSample_ReadsHelloFromRodataThenTheWriteIsSigsegv_Issue8()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "content", "workloads", "string-literal-write.vmw"));
        var (_, runner, steps) = Run(text);

        var read = steps.Single(s => s.Action is MemoryAccessAction { Kind: AccessKind.Read });
        Assert.Equal(0x6f6c6c6568UL, read.Access!.Value.Value);
        Assert.Equal(KernelCore.SigSegv, Assert.Single(runner.Exited.Values).Signal);
    }

    [Fact]
    public void Step_DataPageOfTheImage_WithinTheImageFileNoSigbus_Issue8()
    {
        var (_, runner, _) = Run("write data = 5\nread data\nexit 0\n");

        Assert.Equal(0, Assert.Single(runner.Exited.Values).Signal);
    }

    [Fact]
    public void Step_ForkOnAMachineFullOfPageTables_ForkFailsEnomemNotAnException_Issue8()
    {
        var kernel = NewKernel(memoryBytes: 20 * Page, options: new KernelOptions { SwapSlots = 2 });
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse("repeat 50\n  fork\nend\n", "bomb.vmw"));
        var steps = new List<WorkloadStep>();
        while (steps.Count < 10_000 && runner.Step() is { } step)
        {
            steps.Add(step);
        }

        Assert.Contains(steps, s => s.Note is { } n && n.StartsWith("fork = -1, ENOMEM", StringComparison.Ordinal));
        KernelInvariants.Check(kernel);
    }
}
