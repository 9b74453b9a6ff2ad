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
    [InlineData("fork-cow.yaml", "cow-copy cow-reuse demand-zero swap-in")]
    [InlineData("swap.yaml", "demand-zero swap-in")]
    [InlineData("shared.yaml", "cow-reuse demand-zero file-read swap-in")]
    [InlineData("kernel-for-a-day.yaml", "cow-copy cow-reuse demand-zero file-read grow-stack sigsegv:no-exec sigsegv:read-only swap-in")]
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

    [Fact]
    public void PlayReference_ForkCow_TheSameAddressGivesEachProcessItsOwnValue()
    {
        var level = FaultLevels.Shipped("fork-cow.yaml");
        var session = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(level);
        var parent = session.PidOf("parent");

        // cow.vmw: the child writes 2 and reads it back at line 11; the parent then reads the same address at line 16.
        var child = Assert.Single(session.Reads, r => r.Line == 11);
        Assert.NotEqual(parent, child.Pid);
        Assert.Equal(2UL, child.Value);
        Assert.Equal((parent, 16, 1UL), Assert.Single(session.Reads, r => r.Line == 16));
    }

    [Fact]
    public void PlayReference_Shared_TheParentReadsTheChildsWrite()
    {
        var level = FaultLevels.Shipped("shared.yaml");
        var session = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(level);

        // sharer.vmw: the child writes 42 through the MAP_SHARED mapping; the parent reads it at line 14.
        Assert.Equal((session.PidOf("parent"), 14, 42UL), Assert.Single(session.Reads, r => r.Line == 14));
    }

    [Fact]
    public void PlayReference_KernelForADay_WorkerAndParentSeeTheirOwnHeapAndOneBoard()
    {
        var level = FaultLevels.Shipped("kernel-for-a-day.yaml");
        var session = (FaultActionSession)FaultActionPlayers.Instance.PlayReference(level);
        var day = session.PidOf("day");

        // day.vmw: the worker reads its own 10 at line 14; the parent reads its 1 (line 19) and the worker's 42 (line 20).
        var worker = Assert.Single(session.Reads, r => r.Line == 14);
        Assert.NotEqual(day, worker.Pid);
        Assert.Equal(10UL, worker.Value);
        Assert.Equal((day, 19, 1UL), Assert.Single(session.Reads, r => r.Line == 19));
        Assert.Equal((day, 20, 42UL), Assert.Single(session.Reads, r => r.Line == 20));
    }
}
