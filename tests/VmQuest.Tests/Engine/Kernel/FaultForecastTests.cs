using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Engine.Machine.Loading;
using AccessKind = VmQuest.Engine.Machine.Walk.AccessKind;

namespace VmQuest.Tests.Engine.Kernel;

public class FaultForecastTests
{
    // Statements that between them reach every outcome the handler has: demand-zero, file reads and page-cache
    // hits, swap-ins and swap-cache hits (under pressure), COW copies and reuses (after fork), stack growth, every
    // SIGSEGV and SIGBUS (the private mapping is longer than its file).
    private static readonly string[] Statements =
    [
        "write buf + {0}*4K = 1", "read buf + {0}*4K", "read f + {1}*4K", "write f + {1}*4K = 2", "write s + {2}*4K = 3",
        "read s + {2}*4K", "write stack - 8 - {0}*4K = 4", "write stack - 8 - {3}*64K = 5", "fork", "fork", "read rodata",
        "write rodata = 6", "exec-fetch buf", "fetch text", "read 0x10", "read 0xffff800000000000", "read f + 3*4K",
    ];

    [Fact]
    public void ForecastFault_AnyProgram_IsWhatTheHandlerThenDoes()
    {
        var statement = Gen.Zip(Gen.Zip(Gen.Choose(0, Statements.Length - 1), Gen.Choose(0, 7)), Gen.Zip(Gen.Choose(0, 2), Gen.Choose(0, 1)))
            .Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, Statements[t.Item1.Item1], t.Item1.Item2, t.Item1.Item2 % 3, t.Item2.Item1 % 2, t.Item2.Item2 * 40));
        var program = Gen.ListOf(statement).Select(lines => lines.Take(40).ToArray());
        var property = Prop.ForAll(program.ToArbitrary(), Gen.Elements(3, 5, 64).ToArbitrary(), (lines, frames) =>
        {
            var mismatch = RunChecked(lines, frames);
            return mismatch is null ? true.ToProperty() : false.Label(mismatch);
        });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ForecastFault_ReadThenWriteOfAFreshPage_ZeroPageTakesNoFrameThenTheWriteIsACopyThatDoes()
    {
        var kernel = KernelFixtures.NewKernel();
        var pid = KernelFixtures.NewProcessWithMapping(kernel, pages: 4);

        var read = kernel.ForecastFault(pid, KernelFixtures.HeapLike, AccessKind.Read);
        Assert.Equal((FaultOutcome.DemandZero, FaultSource.Zero, false), (read.Outcome, read.Source, read.NeedsFrame));
        kernel.Access(pid, KernelFixtures.HeapLike, AccessKind.Read);

        var write = kernel.ForecastFault(pid, KernelFixtures.HeapLike, AccessKind.Write);
        Assert.Equal((FaultOutcome.CowCopy, kernel.ZeroPageFrame, true), (write.Outcome, write.PresentFrame, write.NeedsFrame));
        Assert.Equal(FaultOutcome.CowCopy, kernel.Access(pid, KernelFixtures.HeapLike, AccessKind.Write, 1).Fault);
    }

    [Fact]
    public void ForecastFault_ChangesNothing()
    {
        var kernel = KernelFixtures.NewKernel();
        var pid = KernelFixtures.NewProcessWithMapping(kernel, pages: 4);
        var stackBelow = kernel.MmOf(pid).Vmas.Areas.Count;
        var before = VmQuest.Rules.StateHash.Of(kernel);

        var forecast = kernel.ForecastFault(pid, KernelFixtures.HeapLike, AccessKind.Write);

        Assert.Equal(FaultOutcome.DemandZero, forecast.Outcome);
        Assert.True(forecast.NeedsFrame);
        Assert.Equal(before, VmQuest.Rules.StateHash.Of(kernel));
        Assert.Equal(stackBelow, kernel.MmOf(pid).Vmas.Areas.Count);
        Assert.Equal(0, kernel.Counters.Faults);
    }

    [Fact]
    public void HandleFault_JudgeSaysWait_ChangesNothingAndReportsAwaiting()
    {
        var judge = new Judge { Admit = false };
        var kernel = KernelFixtures.NewKernel(options: new KernelOptions { Decisions = judge });
        var pid = KernelFixtures.NewProcessWithMapping(kernel, pages: 4);
        var before = VmQuest.Rules.StateHash.Of(kernel);

        var result = kernel.Access(pid, KernelFixtures.HeapLike, AccessKind.Write, 7);

        Assert.Equal(AccessStatus.Waiting, result.Status);
        Assert.Equal(FaultOutcome.DemandZero, Assert.Single(judge.Forecasts).Outcome);
        Assert.Equal(0, kernel.Frames.DataFrames);
        judge.Admit = true;
        Assert.True(kernel.Access(pid, KernelFixtures.HeapLike, AccessKind.Write, 7).Completed);
        Assert.NotEqual(before, VmQuest.Rules.StateHash.Of(kernel));
    }

    // Runs the program with a judge that admits every fault and checks each forecast against the outcome the
    // handler then reports; returns the first difference.
    private static string? RunChecked(string[] lines, int frames)
    {
        var text = "malloc buf 32K\nmmap f 16K read write private file data.bin\nmmap s 8K read write shared file data.bin\n" + string.Join('\n', lines) + "\n";
        var program = WorkloadParser.Parse(text, "probe.vmw");
        var judge = new Judge();
        var machine = BuiltinMachines.Load("x86-64").WithImage(null).WithPhysicalMemory(16UL << 20);
        var kernel = new KernelCore(machine, new KernelOptions { Decisions = judge, DataFrameLimit = frames, SwapSlots = 256 });
        kernel.Files.Provide("data.bin", new byte[12 * 1024]);
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(program, "probe");
        for (var steps = 0; steps < 2_000 && runner.Step() is not null; steps++)
        {
            var resolved = kernel.World.Events<PageFaultResolved>().Read().ToArray()
                .Where(r => r.Outcome != FaultOutcome.Spurious).ToArray();
            if (resolved.Length != judge.Forecasts.Count)
            {
                return $"{judge.Forecasts.Count} forecasts for {resolved.Length} faults at step {steps}";
            }

            for (var i = 0; i < resolved.Length; i++)
            {
                var f = judge.Forecasts[i];
                // Out of memory is the allocator's verdict, not the fault's kind: the forecast says what a frame would have bought.
                if (resolved[i].Outcome == FaultOutcome.OutOfMemory)
                {
                    continue;
                }

                if (f.Pid != resolved[i].Pid || f.Address != resolved[i].Va || f.Outcome != resolved[i].Outcome)
                {
                    return $"forecast {f.Outcome} but the handler did {resolved[i].Outcome} at 0x{resolved[i].Va:x} (step {steps})";
                }
            }

            judge.Forecasts.Clear();
            kernel.World.EndTick();
        }

        return null;
    }

    private sealed class Judge : IKernelDecisions, IFaultDecisions
    {
        public bool Admit { get; set; } = true;

        public List<FaultForecast> Forecasts { get; } = [];

        public bool MayResolve(KernelCore kernel, FaultForecast forecast)
        {
            Forecasts.Add(forecast);
            return Admit;
        }

        public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va) => IKernelDecisions.KernelDefault;

        public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va) => IKernelDecisions.KernelDefault;

        public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested) => requested;
    }
}
