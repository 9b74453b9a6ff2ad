using VmQuest.Records;
using static VmQuest.Tests.Game.Records.RecordsSamples;

namespace VmQuest.Tests.Game.Records;

public sealed class RecordsStoreAttemptTests : RecordsDirectoryTest
{
    [Fact]
    public void AddAttempt_Reopened_ReadsBackEveryField()
    {
        var replay = new byte[] { 1, 2, 3, 0, 255 };
        var attempt = Attempt(9, 12_034, 17, minute: 2, replay: replay);
        long id;
        using (var store = RecordsStore.Open(DataDir))
        {
            id = store.AddAttempt(attempt).Id;
        }

        using var reopened = RecordsStore.Open(DataDir);
        var stored = Assert.Single(reopened.Attempts("demand-paging"));
        Assert.Equal(id, stored.Id);
        Assert.True(stored.HasReplay);
        Assert.Equal(attempt with { Replay = null, Metrics = stored.Attempt.Metrics }, stored.Attempt);
        Assert.Equal(attempt.Metrics, stored.Attempt.Metrics);
        Assert.Equal(0xFEDC_BA98_7654_3210UL, stored.Attempt.Seed);
        Assert.Equal(replay, reopened.Replay(id));
        Assert.Null(reopened.Recovery);
        var level = Assert.Single(reopened.Levels());
        Assert.Equal(new LevelSeen("demand-paging", 2, "h1", Start.AddMinutes(2), Start.AddMinutes(2), 1), level);
    }

    [Fact]
    public void AddAttempt_FirstThenBetterOnOne_ReportsNewBestsAndFrontier()
    {
        using var store = RecordsStore.Open(DataDir);

        var first = store.AddAttempt(Attempt(9, 100, 17));
        var better = store.AddAttempt(Attempt(8, 120, 17, minute: 1));
        var worse = store.AddAttempt(Attempt(9, 130, 18, minute: 2));

        Assert.Equal(["faults", "cycles", "actions"], first.NewPersonalBests);
        Assert.True(first.OnFrontier);
        Assert.Equal(["faults"], better.NewPersonalBests);
        Assert.True(better.OnFrontier);
        Assert.Empty(worse.NewPersonalBests);
        Assert.False(worse.OnFrontier);
        Assert.Equal(3, worse.AttemptNumber);
    }

    [Fact]
    public void Frontier_ExactTie_KeepsTheEarliestFinished()
    {
        using var store = RecordsStore.Open(DataDir);
        long later = store.AddAttempt(Attempt(5, 100, 10, minute: 9)).Id;
        long earlier = store.AddAttempt(Attempt(5, 100, 10, minute: 1)).Id;

        var frontier = store.Frontier("demand-paging");

        Assert.Equal([earlier], frontier.Select(a => a.Id));
        Assert.NotEqual(later, earlier);
    }

    [Fact]
    public void Frontier_ManyRandomAttempts_MatchesTheDefinitionAndThePureFrontier()
    {
        using var store = RecordsStore.Open(DataDir);
        var random = new Random(9);
        var added = new List<(long Id, long[] Metrics)>();
        for (int i = 0; i < 60; i++)
        {
            long[] m = [random.Next(4), random.Next(4), random.Next(4)];
            added.Add((store.AddAttempt(Attempt(m[0], m[1], m[2], minute: i)).Id, m));
        }

        var expected = ParetoFrontier.Of(added, a => a.Metrics).Select(a => a.Id);
        Assert.Equal(expected, store.Frontier("demand-paging").Select(a => a.Id));
        Assert.All(store.Frontier("demand-paging"), f => Assert.DoesNotContain(added, a => ParetoFrontier.Dominates(a.Metrics, [f.Attempt.Metric("faults")!.Value, f.Attempt.Metric("cycles")!.Value, f.Attempt.Metric("actions")!.Value])));
    }

    [Fact]
    public void PersonalBest_EachMetricOnItsOwn_IsTheMinimum()
    {
        using var store = RecordsStore.Open(DataDir);
        store.AddAttempt(Attempt(9, 100, 17));
        store.AddAttempt(Attempt(3, 300, 20, minute: 1));

        Assert.Equal(3, store.PersonalBest("demand-paging", "faults"));
        Assert.Equal(100, store.PersonalBest("demand-paging", "cycles"));
        Assert.Null(store.PersonalBest("demand-paging", "mistakes"));
        Assert.Null(store.PersonalBest("no-such-level", "faults"));
        Assert.Equal(new SpeedrunTimes(100, 60_000, 50_000), store.BestTimes("demand-paging"));
    }

    [Fact]
    public void Frontier_LevelContentChanged_ComparesOnlyTheCurrentHash()
    {
        using var store = RecordsStore.Open(DataDir);
        store.AddAttempt(Attempt(1, 1, 1, minute: 0, hash: "old"));
        store.AddAttempt(Attempt(9, 9, 9, minute: 5, hash: "new"));

        Assert.Equal("new", store.CurrentHash("demand-paging"));
        Assert.Equal(9, Assert.Single(store.Frontier("demand-paging")).Attempt.Metric("faults"));
        Assert.Equal(1, Assert.Single(store.Frontier("demand-paging", "old")).Attempt.Metric("faults"));
        Assert.Equal(2, store.Levels().Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad name")]
    [InlineData("tab\tname")]
    public void AddAttempt_BadMetricName_ThrowsAndRecordsNothing(string name)
    {
        using var store = RecordsStore.Open(DataDir);
        var bad = Attempt(1, 2, 3) with { Metrics = [new(name, 1)] };

        Assert.ThrowsAny<ArgumentException>(() => store.AddAttempt(bad));
        Assert.Empty(store.Levels());
    }

    [Fact]
    public void AddAttempt_LoadRemovedLongerThanReal_Throws()
    {
        using var store = RecordsStore.Open(DataDir);

        Assert.ThrowsAny<ArgumentException>(() => store.AddAttempt(Attempt(1, 2, 3) with { Times = new SpeedrunTimes(1, 10, 11) }));
        Assert.ThrowsAny<ArgumentException>(() => store.AddAttempt(Attempt(1, 2, 3) with { Metrics = [new("a", 1), new("a", 2)] }));
    }
}
