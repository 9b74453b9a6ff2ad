using VmQuest.Play.FaultAction;

namespace VmQuest.Tests.Game.Play.FaultAction;

/// <summary>
/// What each shipped fault-action level promises its player: the faults it teaches come, the reference beats a par
/// (ShippedSolutionTests holds every level to meeting them all and Linux's defaults to missing one), and the reference
/// looks into the future its own run then follows.
/// </summary>
public class ShippedFaultLevelTests
{
    public static TheoryData<string> Levels() => FaultLevels.ShippedFiles();

    [Theory]
    [MemberData(nameof(Levels))]
    public void PlayReference_ShippedLevel_BeatsAtLeastOnePar(string file)
    {
        var level = FaultLevels.Shipped(file);
        var reference = FaultActionPlayers.Instance.PlayReference(level);

        Assert.True(reference.IsWon, reference.Failure);
        Assert.Contains(level.Metrics, m => reference.Metric(m.Kind) < m.Par);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void PlayReference_ShippedLevel_FollowsTheFutureItLooksInto(string file)
    {
        var level = FaultLevels.Shipped(file);
        var linux = (FaultActionSession)FaultActionPlayers.Instance.PlayDefault(level);
        var reference = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(level);

        Assert.Equal(linux.References, reference.References);
    }

    [Theory]
    [InlineData("demand-paging.yaml", "demand-zero file-read")]
    [InlineData("layout.yaml", "demand-zero file-read grow-stack sigsegv:no-mapping sigsegv:read-only swap-in")]
    public void PlayAsReference_ShippedLevel_AsksTheFaultsItTeaches(string file, string kinds)
    {
        var level = FaultLevels.Shipped(file);
        var future = ((FaultActionSession)FaultActionPlayers.Instance.PlayDefault(level)).References;
        var session = new FaultActionSession(level);
        var seen = new HashSet<string>();
        session.Run();
        while (session.IsWaiting)
        {
            var (kind, why) = FaultActions.Expected(session.PendingFault!)!.Value;
            seen.Add(why is null ? kind : $"{kind}:{why}");
            Assert.Null(FaultLevels.AnswerAsHandler(session, choices => session.MemoryFull ? FaultActionPlayers.FurthestNextUse(session, future) : choices[0]));
            session.Run();
        }

        Assert.True(session.IsWon, session.Failure);
        Assert.Equal(kinds.Split(' ').Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }
}
