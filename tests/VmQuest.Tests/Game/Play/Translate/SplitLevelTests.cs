using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play.Translate;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.Translate;

/// <summary>The campaign's first level, translate-split: one linear table on a 1 MiB machine, the program laid out small.</summary>
public class SplitLevelTests
{
    internal static Level Split() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "translate", "split.yaml"));

    private static TranslateSession At(long tick)
    {
        var session = new TranslateSession(Split());
        session.Run();
        while (session.Tick < tick)
        {
            TranslateSessionTests.AnswerOptimally(session);
            session.Run();
        }

        return session;
    }

    [Fact]
    public void Run_FirstAccess_IsOneEntryIndexedByTheVirtualPageNumber()
    {
        var t = At(0).Pending!;

        // text starts right above the NULL page: 0x1000 is VPN 1, offset 0; the one table has no entry for it yet.
        Assert.Equal((0x1000UL, AccessKind.Execute), (t.VirtualAddress, t.Access));
        Assert.Equal(1UL, Assert.Single(t.Steps).Index);
        Assert.Equal(FaultWords.NotPresent, t.FaultWord);
    }

    [Fact]
    public void Run_PresentEntry_PhysicalIsTheFrameTimesThePageSizePlusTheOffset()
    {
        var session = At(6);
        var t = session.Pending!;
        TranslateSessionTests.WalkToTheEnd(session);

        Assert.Equal(0x1123UL, t.VirtualAddress);
        Assert.Null(t.TlbAnswer); // the TLB's two entries went to rodata and the stack
        Assert.Equal(0x123UL, t.Outcome.PhysicalAddress & 0xfff);
        Assert.Null(session.AnswerPhysical(t.Outcome.PhysicalAddress));
    }

    [Fact]
    public void Run_StringLiteralWrite_IsAProtectionFault()
    {
        var session = At(8);
        TranslateSessionTests.WalkToTheEnd(session);

        Assert.Equal(FaultWords.Protection, session.Pending!.FaultWord);
    }

    [Fact]
    public void Reference_FourteenActions_MeetsEveryPar()
    {
        var level = Split();
        var session = TranslatePlayers.Instance.PlayReference(level);

        Assert.True(session.IsWon);
        Assert.Equal(14, TranslateOptimum.MinActions(level));
        Assert.All(level.Metrics, m => Assert.True(session.Metric(m.Kind) <= m.Par, m.Name));
    }

    [Fact]
    public void Default_TextbookWalk_MissesTheActionsAndCyclesPars()
    {
        var level = Split();
        var session = TranslatePlayers.Instance.PlayDefault(level);

        Assert.True(session.IsWon);
        Assert.Equal(18, session.Actions);
        Assert.True(session.Metric(MetricKind.Actions) > level.ParOf(MetricKind.Actions));
        Assert.True(session.Metric(MetricKind.Cycles) > level.ParOf(MetricKind.Cycles));
    }
}
