using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Workloads;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class WorkloadRunnerTests
{
    private static string Sample(string name) =>
        Path.Combine(AppContext.BaseDirectory, "content", "workloads", name);

    private static (KernelCore Kernel, WorkloadRunner Runner, List<WorkloadStep> Steps) Run(string text, KernelOptions? options = null)
    {
        var kernel = NewKernel(memoryBytes: 32UL << 20, options: options);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse(text, "test.vmw"));
        var steps = new List<WorkloadStep>();
        while (runner.Step() is { } step)
        {
            steps.Add(step);
            Assert.True(steps.Count < 100_000, "the workload never finished");
        }

        KernelInvariants.Check(kernel);
        return (kernel, runner, steps);
    }

    [Fact]
    public void ForkCowSample_SameAddressDifferentValuesInParentAndChild()
    {
        var (kernel, runner, steps) = Run(File.ReadAllText(Sample("fork-cow.vmw")));

        var reads = steps.Where(s => s.Action is MemoryAccessAction { Kind: AccessKind.Read } && s.Access is { Completed: true }).ToList();
        var childReads = reads.Where(s => s.Pid != 1).Select(s => s.Access!.Value.Value).ToList();
        var parentReads = reads.Where(s => s.Pid == 1).Select(s => s.Access!.Value.Value).ToList();
        Assert.Equal([1UL, 2UL], childReads);
        Assert.Equal([1UL], parentReads);
        Assert.Contains(steps, s => s.Access?.Fault == FaultOutcome.CowCopy);
        Assert.True(runner.IsIdle);
        Assert.Equal((0, 0), (runner.Exited[1].Status, runner.Exited[1].Signal));
        Assert.Empty(kernel.Pids);
    }

    [Fact]
    public void StringLiteralSample_WriteToTextKillsWithSigsegv()
    {
        var (_, runner, steps) = Run(File.ReadAllText(Sample("string-literal-write.vmw")));

        Assert.Equal(FaultOutcome.SegvWriteProtected, steps[^1].Access?.Fault);
        Assert.Equal(KernelCore.SigSegv, runner.Exited[1].Signal);
    }

    [Fact]
    public void StackGrowthSample_GrowsTheStackInsteadOfCrashing()
    {
        var (_, runner, steps) = Run(File.ReadAllText(Sample("stack-growth.vmw")));

        Assert.Contains(steps, s => s.Access?.Fault == FaultOutcome.StackGrowth);
        Assert.Equal(0, runner.Exited[1].Signal);
    }

    [Fact]
    public void ThrashSample_WithFewFrames_EvictsAndSwapsBackIn()
    {
        var (kernel, runner, _) = Run(File.ReadAllText(Sample("thrash.vmw")), new KernelOptions { DataFrameLimit = 16, ReplacementPolicy = "lru" });

        Assert.True(kernel.Counters.Evictions > 64);
        Assert.Equal(0, runner.Exited[1].Signal);
    }

    [Fact]
    public void Malloc_SmallFromBrkLargeFromMmap_LikeGlibc()
    {
        var (_, _, steps) = Run("malloc small 100\nmalloc big 256K\nwrite small = 1\nwrite big = 2\nexit 0\n");

        Assert.EndsWith("(heap)", steps[0].Note, StringComparison.Ordinal);
        Assert.EndsWith("(mmap)", steps[1].Note, StringComparison.Ordinal);
        Assert.All(steps.Where(s => s.Access is not null), s => Assert.True(s.Access!.Value.Completed));
    }

    [Fact]
    public void Exec_RealElf_ReplacesTheProgramAndTheProcessExits()
    {
        var (_, runner, steps) = Run("exec /bin/true\nwrite heap = 1\n");

        Assert.StartsWith("exec /bin/true: entry", steps[0].Note, StringComparison.Ordinal);
        Assert.Single(steps);
        Assert.Equal("true", runner.Exited[1].Name);
    }

    [Fact]
    public void Exec_NotAnElf_FailsAndTheScriptContinues()
    {
        var (_, _, steps) = Run("exec /etc/passwd\nexit 3\n");

        Assert.StartsWith("exec failed: /etc/passwd: not an ELF file", steps[0].Note, StringComparison.Ordinal);
        Assert.IsType<ExitAction>(steps[1].Action);
    }

    [Fact]
    public void TwoProcesses_RoundRobinSwitchesCr3BetweenThem()
    {
        var kernel = NewKernel(options: new KernelOptions { TimeSlice = 5_000 });
        var runner = new WorkloadRunner(kernel);
        var program = WorkloadParser.Parse("malloc b 64K\nfor i in 0..16\n  write b + i*4K = i\nend\nexit 0\n", "loop.vmw");
        runner.Spawn(program);
        runner.Spawn(program);

        runner.RunUntilIdle();

        Assert.True(kernel.Counters.ContextSwitches >= 4);
        KernelInvariants.Check(kernel);
    }
}
