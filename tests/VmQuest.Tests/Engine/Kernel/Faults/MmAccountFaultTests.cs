using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class MmAccountFaultTests
{
    [Theory]
    [InlineData(FaultOutcome.DemandZero, 1, 0, 0, 0)]
    [InlineData(FaultOutcome.CowReuse, 1, 0, 0, 1)]
    [InlineData(FaultOutcome.SwapIn, 0, 1, 0, 0)]
    [InlineData(FaultOutcome.CowCopy, 1, 0, 1, 0)]
    [InlineData(FaultOutcome.Spurious, 1, 0, 0, 0)]
    [InlineData(FaultOutcome.FileRead, 0, 1, 0, 0)]
    [InlineData(FaultOutcome.SegvNoMapping, 0, 0, 0, 0)]
    [InlineData(FaultOutcome.SigBusPastEndOfFile, 0, 0, 0, 0)]
    [InlineData(FaultOutcome.OutOfMemory, 0, 0, 0, 0)]
    [InlineData(FaultOutcome.AwaitingDecision, 0, 0, 0, 0)]
    public void Account_CountsTheFaultByKind(FaultOutcome outcome, long minor, long major, long copies, long reuses)
    {
        var kernel = NewKernel();

        MmAccountFault.Account(kernel, 1, HeapLike, outcome, 0);

        Assert.Equal(1, kernel.Counters.Faults);
        Assert.Equal((minor, major, copies, reuses), (kernel.Counters.MinorFaults, kernel.Counters.MajorFaults, kernel.Counters.CowCopies, kernel.Counters.CowReuses));
    }

    // Issue 11 item 8: getrusage's ru_minflt counts a copy-on-write copy; a failed or unfinished fault is neither kind.
    [Theory]
    [InlineData(FaultOutcome.CowCopy, 1, 0)]
    [InlineData(FaultOutcome.DemandZero, 1, 0)]
    [InlineData(FaultOutcome.SwapIn, 0, 1)]
    [InlineData(FaultOutcome.SegvWriteProtected, 0, 0)]
    [InlineData(FaultOutcome.AwaitingDecision, 0, 0)]
    public void Account_CountsTheProcesssMinFltAndMajFlt(FaultOutcome outcome, long minor, long major)
    {
        var kernel = NewKernel();
        var pid = kernel.CreateProcess("p");

        MmAccountFault.Account(kernel, pid, HeapLike, outcome, 0);

        Assert.Equal((minor, major), (kernel.Info(pid).MinorFaults, kernel.Info(pid).MajorFaults));
        Assert.Equal(1, kernel.Counters.FaultsOf(outcome));
        Assert.Equal(outcome.IsFatal() ? 1 : 0, kernel.Counters.FailedFaults);
    }

    [Theory]
    [InlineData(FaultOutcome.PageCacheHit)]
    [InlineData(FaultOutcome.FileRead)]
    [InlineData(FaultOutcome.CowCopy)]
    [InlineData(FaultOutcome.SegvWriteProtected)]
    public void Account_ChargesTheCostOfItsKind(FaultOutcome outcome)
    {
        var kernel = NewKernel();
        var costs = kernel.Machine.Description.Costs;
        var before = kernel.Machine.Clock.Cycles;

        MmAccountFault.Account(kernel, 1, HeapLike, outcome, 0);

        var expected = outcome switch
        {
            FaultOutcome.PageCacheHit => costs.MinorFault,
            FaultOutcome.FileRead => costs.MajorFault,
            FaultOutcome.CowCopy => costs.CowCopy,
            _ => 0,
        };
        Assert.Equal(expected, kernel.Machine.Clock.Cycles - before);
    }

    [Fact]
    public void Account_AnnouncesTheResolution()
    {
        var kernel = NewKernel();

        MmAccountFault.Account(kernel, 3, HeapLike, FaultOutcome.DemandZero, 9);

        Assert.Equal(new PageFaultResolved(3, HeapLike, FaultOutcome.DemandZero, 9), Assert.Single(kernel.World.Events<PageFaultResolved>().Read().ToArray()));
    }
}
