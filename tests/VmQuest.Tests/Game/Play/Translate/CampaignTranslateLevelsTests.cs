using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play.Translate;
using VmQuest.Rules;

namespace VmQuest.Tests.Game.Play.Translate;

/// <summary>What the briefings of translate-tlb-locality and translate-five-levels promise, held to the engine.</summary>
public class CampaignTranslateLevelsTests
{
    private static Level Shipped(string file) => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "translate", file));

    private static TranslateSession PlayedUpTo(Level level, long tick)
    {
        var session = new TranslateSession(level);
        session.Run();
        while (session.Tick < tick)
        {
            TranslateSessionTests.AnswerOptimally(session);
            session.Run();
        }

        return session;
    }

    [Fact]
    public void TlbLocality_Reference_UsesTheTlbAndMeetsEveryPar()
    {
        var level = Shipped("tlb-locality.yaml");
        var session = TranslatePlayers.Instance.PlayReference(level);

        Assert.True(session.IsWon);
        Assert.Equal(43, TranslateOptimum.MinActions(level));
        Assert.All(level.Metrics, m => Assert.True(session.Metric(m.Kind) <= m.Par, m.Name));
    }

    [Fact]
    public void TlbLocality_Default_TextbookWalkMissesTheActionsAndCyclesPars()
    {
        var level = Shipped("tlb-locality.yaml");
        var session = TranslatePlayers.Instance.PlayDefault(level);

        Assert.Equal(87, session.Actions);
        Assert.True(session.Metric(MetricKind.Actions) > level.ParOf(MetricKind.Actions));
        Assert.True(session.Metric(MetricKind.Cycles) > level.ParOf(MetricKind.Cycles));
    }

    [Fact]
    public void TlbLocality_SamePageHitsStrideOfTwoPagesMisses()
    {
        var level = Shipped("tlb-locality.yaml");

        // Accesses 2–4 stay in array page 0: hits. Accesses 12–14 stride by two pages through one set: misses.
        Assert.All([1L, 2, 3], t => Assert.NotNull(PlayedUpTo(level, t).Pending!.TlbAnswer));
        Assert.All([11L, 12, 13], t => Assert.Null(PlayedUpTo(level, t).Pending!.TlbAnswer));
    }

    [Fact]
    public void FiveLevels_BeforeTheLastAccess_EightTablesMapTheSparseSpace()
    {
        var session = PlayedUpTo(Shipped("five-levels.yaml"), 7);

        // The briefing's count: one PGD and one P4D, a PUD, PMD and PTE table for text and heap, three for the stack.
        Assert.Equal(8, session.Kernel.Walks.TableFrames(session.Kernel.MemoryOf(session.Pid).Root).Count);
    }
}
