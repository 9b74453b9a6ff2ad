using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.Policy;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Tests.Game.Play.Policy;

public class PolicyHiddenTestsTests
{
    [Fact]
    public void Run_FixedSeeds_AreTheSameOnEveryRun()
    {
        var level = PolicyLevels.Aging();
        var program = PolicyParser.Parse(PolicyLibrary.Clock);

        Assert.Equal(PolicyHiddenTests.Run(level, program, PolicyLevels.Seeds), PolicyHiddenTests.Run(level, program, PolicyLevels.Seeds));
    }

    [Fact]
    public void FreshSeeds_DifferFromCallToCall()
    {
        var seeds = HiddenTestSeeds.Fresh;

        Assert.NotEqual(seeds.SeedOf(0), seeds.SeedOf(0));
    }

    [Fact]
    public void Session_PolicyWorseThanTheBaseline_FailsNamingTheHiddenTestAndItsSeed()
    {
        // Evicting the lowest page number throws out the hot pages (0 to 2) first: worse than FIFO on any trace of this shape.
        var session = PolicyPlayers.Play(PolicyLevels.Aging(), 0, "on evict scan page: evict\n", PolicyLevels.Seeds);

        Assert.False(session.IsWon);
        Assert.Matches(@"^hidden test 1 of 8 \(seed 11\) failed: the policy faulted \d+ times, fifo \d+: a policy must do at least as well as fifo on every trace", session.Failure);
    }

    [Fact]
    public void FailureIn_Chinese_NamesTheHiddenTestAndItsSeedInChinese()
    {
        var session = PolicyPlayers.Play(PolicyLevels.Aging(), 0, "on evict scan page: evict\n", PolicyLevels.Seeds);

        Assert.Matches(@"^hidden test 1 of 8 \(seed 11\) failed: the policy faulted \d+ times, fifo \d+: a policy must do at least as well as fifo on every trace", session.Failure);
        Assert.Equal(session.Failure, session.FailureIn("en"));
        Assert.Matches(@"^隐藏测试 1/8（种子 11）未通过：策略缺页 \d+ 次，fifo 为 \d+ 次：策略必须在每一条引用串上都不比 fifo 差", session.FailureIn("zh-Hans"));
    }

    [Fact]
    public void FailureIn_Chinese_HiddenTestStoppedByAnErrorSaysItInChinese()
    {
        var level = PolicyLevels.Aging();
        var session = PolicyPlayers.Play(level, 0, OptTable(level), PolicyLevels.Seeds);

        Assert.StartsWith("hidden test 1 of 8 (seed 11) failed: the policy stopped at tick ", session.Failure);
        Assert.Matches(@"^隐藏测试 1/8（种子 11）未通过：策略停在第 \d+ 个 tick：\d+:\d+: \p{IsCJKUnifiedIdeographs}", session.FailureIn("zh-Hans"));
    }

    [Fact]
    public void Session_PolicyThatOnlyFitsTheShownTrace_MeetsTheFaultsParButFailsTheHiddenTests()
    {
        var level = PolicyLevels.Aging();
        var table = OptTable(level);
        var session = PolicyPlayers.Play(level, 0, table, PolicyLevels.Seeds);

        // On the trace it was written for it is Belady's OPT…
        Assert.Equal(VictimOptimum.OptFaults(level), session.Metric(MetricKind.Faults));
        Assert.True(session.Metric(MetricKind.Faults) <= level.ParOf(MetricKind.Faults));
        // …and on a trace it has not seen it chooses no victim at all.
        Assert.False(session.IsWon);
        Assert.StartsWith("hidden test 1 of 8 (seed 11) failed: the policy stopped at tick ", session.Failure);
        Assert.All(session.HiddenResults, r => Assert.False(r.Passed));
    }

    // A policy that replays OPT's decisions on the shown trace: "at tick T evict page P", one line per decision.
    private static string OptTable(Level level)
    {
        var asVictim = level with
        {
            Player = new LevelPlayer([Mechanic.Victim], false),
            HiddenTests = null,
            Metrics = [new LevelMetric(MetricKind.Faults, 1000)],
        };
        var opt = new VictimSession(asVictim);
        var lines = new List<string> { "on evict scan loaded:" };
        opt.Run();
        while (opt.IsWaiting)
        {
            var frame = OptimalVictimPlayer.Choose(opt);
            lines.Add(FormattableString.Invariant($"  if now == {opt.Tick} and page == {opt.PageIn(frame)}: evict"));
            opt.ChooseVictim(frame);
            opt.Run();
        }

        return string.Join('\n', lines) + "\n";
    }
}
