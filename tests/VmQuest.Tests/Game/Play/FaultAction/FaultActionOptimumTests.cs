using FsCheck;
using FsCheck.Fluent;
using VmQuest.Levels.Model;
using VmQuest.Play.FaultAction;

namespace VmQuest.Tests.Game.Play.FaultAction;

/// <summary>
/// Each shipped fault-action level's stated optimum holds: no way of placing pages does better than the reference. Every answer to a fault's
/// kind is forced (the handler judges it), and a free frame's number changes no metric (the property below), so the only
/// choices that matter are the frames given up under pressure: a branch-and-bound search tries them all.
/// </summary>
public class FaultActionOptimumTests
{
    public static TheoryData<string> Levels() => FaultLevels.ShippedFiles();

    // The exhaustive search, on the levels where it ends in seconds. swap.yaml's (6 minutes, run once: nothing under
    // 6) and kernel-for-a-day.yaml's (4^10 choices) are too long for the suite; their level files say how their bound
    // is argued instead.
    [Theory]
    [InlineData("demand-paging.yaml")]
    [InlineData("layout.yaml")]
    [InlineData("fork-cow.yaml")]
    [InlineData("shared.yaml")]
    [InlineData("first-faults.yaml")]
    public void Search_EveryChoiceUnderPressure_NoneHasFewerMajorFaults(string file)
    {
        const MetricKind metric = MetricKind.MajorFaults;
        var level = FaultLevels.Shipped(file);
        var optimum = level.Optimum.Single(o => o.Metric == metric).Bound!.Value;
        Assert.Equal(optimum, FaultActionPlayers.Instance.PlayReference(level).Metric(metric));

        var explored = 0;
        var pending = new Stack<List<ulong>>([[]]);
        while (pending.TryPop(out var prefix))
        {
            explored++;
            var (session, branches) = Play(level, prefix);
            // Every metric only grows as the run goes on, so a partial run already at the optimum cannot beat it.
            if (session.Metric(metric) >= optimum)
            {
                continue;
            }

            Assert.False(branches is null && session.IsWon, $"choices {string.Join(",", prefix)} reach {metric} {session.Metric(metric)} < {optimum}");
            foreach (var frame in branches ?? [])
            {
                pending.Push([.. prefix, frame]);
            }
        }

        Assert.True(explored > 1);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void FreeFramePlacement_AnyFreeFrames_ChangesNoMetric(string file)
    {
        var level = FaultLevels.Shipped(file);
        var reference = FaultActionPlayers.Instance.PlayReference(level);
        var future = ((FaultActionSession)FaultActionPlayers.Instance.PlayDefault(level)).References;
        var property = Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 1000)).ToArbitrary(), picks =>
        {
            var session = new FaultActionSession(level);
            var n = 0;
            session.Run();
            while (session.IsWaiting)
            {
                var pick = picks.Length == 0 ? 0 : picks[n++ % picks.Length];
                Assert.Null(FaultLevels.AnswerAsHandler(session, choices =>
                    session.MemoryFull ? FaultActionPlayers.FurthestNextUse(session, future) : choices[pick % choices.Count]));
                session.Run();
            }

            return session.IsWon && level.Metrics.All(m => session.Metric(m.Kind) == reference.Metric(m.Kind));
        });
        property.QuickCheckThrowOnFailure();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void AnyPlacement_StillWinsAndNeverBeatsTheOptimum(string file)
    {
        var level = FaultLevels.Shipped(file);
        var property = Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 1000)).ToArbitrary(), picks =>
        {
            var session = new FaultActionSession(level);
            var n = 0;
            session.Run();
            while (session.IsWaiting)
            {
                var pick = picks.Length == 0 ? 0 : picks[n++ % picks.Length];
                Assert.Null(FaultLevels.AnswerAsHandler(session, choices => choices[pick % choices.Count]));
                session.Run();
            }

            return session.IsWon && level.Optimum.All(o => session.Metric(o.Metric) >= o.Bound);
        });
        property.QuickCheckThrowOnFailure();
    }

    // Plays the handler's answers, the lowest free frame while one is free and the frames of prefix under pressure;
    // at the first pressure decision past the prefix it stops and returns the frames that decision may take.
    private static (FaultActionSession Session, IReadOnlyList<ulong>? Branches) Play(Level level, List<ulong> prefix)
    {
        var session = new FaultActionSession(level);
        var used = 0;
        session.Run();
        while (session.IsWaiting)
        {
            if (session.PendingFault!.NeedsFrame && session.MemoryFull)
            {
                if (used == prefix.Count)
                {
                    return (session, session.FrameChoices());
                }

                var frame = prefix[used++];
                Assert.Null(FaultLevels.AnswerAsHandler(session, _ => frame));
            }
            else
            {
                Assert.Null(FaultLevels.AnswerAsHandler(session));
            }

            session.Run();
        }

        return (session, null);
    }
}
