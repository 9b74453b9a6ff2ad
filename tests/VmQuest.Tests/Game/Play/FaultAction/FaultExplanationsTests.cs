using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Play.FaultAction;

namespace VmQuest.Tests.Game.Play.FaultAction;

public class FaultExplanationsTests
{
    public static TheoryData<FaultOutcome, FaultSource> Answerable() => new()
    {
        { FaultOutcome.DemandZero, FaultSource.Zero },
        { FaultOutcome.FileRead, FaultSource.File },
        { FaultOutcome.PageCacheHit, FaultSource.File },
        { FaultOutcome.PageCacheHit, FaultSource.Swap },
        { FaultOutcome.SwapIn, FaultSource.Swap },
        { FaultOutcome.CowCopy, FaultSource.Present },
        { FaultOutcome.CowReuse, FaultSource.Present },
        { FaultOutcome.SharedWriteNotify, FaultSource.Present },
        { FaultOutcome.StackGrowth, FaultSource.Zero },
        { FaultOutcome.SegvNoMapping, FaultSource.None },
        { FaultOutcome.SegvWriteProtected, FaultSource.None },
        { FaultOutcome.SegvNoExecute, FaultSource.None },
        { FaultOutcome.SegvNoRead, FaultSource.None },
        { FaultOutcome.SegvKernelAddress, FaultSource.None },
        { FaultOutcome.SigBusPastEndOfFile, FaultSource.None },
    };

    private static FaultForecast Forecast(FaultOutcome outcome, FaultSource source) =>
        new(2, 0x405000, AccessKind.Write, outcome, source, new VmArea(0x405000, 0x409000, VmaPermissions.ReadWrite, false, VmaKind.Heap),
            false, 0x8000000000005265, source == FaultSource.Swap ? 3UL : null, source == FaultSource.Present ? 5UL : null, 2, false, true);

    [Theory]
    [MemberData(nameof(Answerable))]
    public void Why_EveryAnswerableFault_EndsWithItsActionInBothLanguages(FaultOutcome outcome, FaultSource source)
    {
        var forecast = Forecast(outcome, source);
        var (kind, why) = FaultActions.Expected(forecast)!.Value;
        var action = why is null ? kind : $"{kind} why={why}";

        Assert.Contains($"({action}", FaultExplanations.Why(forecast), StringComparison.Ordinal);
        Assert.Contains($"（{action}", FaultExplanations.WhyZh(forecast), StringComparison.Ordinal);
        Assert.Null(FaultExplanations.Judge(forecast, kind, why));
        var wrong = kind == FaultActions.CowReuse ? FaultActions.DemandZero : FaultActions.CowReuse;
        Assert.Equal($"not {wrong}: {FaultExplanations.Why(forecast)}", FaultExplanations.Judge(forecast, wrong, null)?.En);
    }

    [Theory]
    [InlineData(FaultOutcome.Spurious)]
    [InlineData(FaultOutcome.OutOfMemory)]
    [InlineData(FaultOutcome.AwaitingDecision)]
    public void Expected_FaultTheKernelResolvesItself_HasNoAnswer(FaultOutcome outcome)
    {
        var forecast = Forecast(outcome, FaultSource.None);

        Assert.Null(FaultActions.Expected(forecast));
        Assert.Equal("the kernel resolves this fault itself: there is nothing to decide", FaultExplanations.Judge(forecast, FaultActions.DemandZero, null)?.En);
    }

    [Fact]
    public void Expected_EverySegvReason_MapsToItsOutcome()
    {
        for (var i = 0; i < FaultActions.SegvReasons.Count; i++)
        {
            Assert.Equal((FaultActions.Sigsegv, FaultActions.SegvReasons[i]), FaultActions.Expected(Forecast(FaultActions.SegvOutcomes[i], FaultSource.None)));
        }
    }

    [Fact]
    public void Why_NonCanonicalAddress_SaysGeneralProtectionNotPageFaultAndNoOneIsAsked()
    {
        var forecast = Forecast(FaultOutcome.SegvGeneralProtection, FaultSource.None);

        Assert.Null(FaultActions.Expected(forecast));
        Assert.Contains("#GP", FaultExplanations.Why(forecast), StringComparison.Ordinal);
        Assert.Contains("SI_KERNEL", FaultExplanations.Why(forecast), StringComparison.Ordinal);
        Assert.Contains("#GP", FaultExplanations.WhyZh(forecast), StringComparison.Ordinal);
    }
}
