using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Ostep;
using VmQuest.Ostep;
using VmQuest.Tests.Engine.Machine.Ostep;

namespace VmQuest.Tests.Game.Ostep;

public sealed class OstepPicturesTests
{
    [Fact]
    public void Linear_ValidAddress_AskedShowsTheVpnAndTheAnswerRoadsToItsFrame()
    {
        // Sample answers: 0x2001 → VPN 2 → PFN 9.
        var problem = OstepProblemReader.Read(OstepSamples.Linear, "p.txt");
        var answer = OstepSolver.Solve(problem)[2];

        var picture = OstepPictures.Linear(problem, answer);

        Assert.Equal(2, picture.Asked[0].Marked);
        Assert.Equal(["0", "1", "2", "3"], picture.Asked[0].Lots.Select(l => l.Label));
        Assert.Equal(OstepLotKind.Empty, picture.Asked[0].Lots[1].Kind);   // entry 1 is not valid
        Assert.Equal(-1, picture.Asked[1].Marked);                          // the frame is not given away
        Assert.Equal(9, picture.Answered[1].Marked);
        Assert.Equal([new OstepRoad(0, 2, 1, 9)], picture.Roads);
        // Frames 3, 9 and 15 are the ones the valid entries map.
        Assert.Equal([3, 9, 15], picture.Answered[1].Lots.Select((l, i) => (l, i)).Where(x => x.l.Kind == OstepLotKind.Mapped).Select(x => x.i));
    }

    [Fact]
    public void Linear_InvalidEntry_HasNoRoadAndNoFrame()
    {
        var problem = OstepProblemReader.Read(OstepSamples.Linear, "p.txt");

        var picture = OstepPictures.Linear(problem, OstepSolver.Solve(problem)[1]);

        Assert.Equal(1, picture.Answered[0].Marked);
        Assert.Equal(-1, picture.Answered[1].Marked);
        Assert.Empty(picture.Roads);
    }

    [Fact]
    public void Multilevel_Translation_WalksDirectoryTableAndPage()
    {
        // 0x0ca7 = PDE 3 | PTE 5 | offset 7: directory page 10 → table page 20 → page 40.
        var problem = OstepProblemReader.Read(OstepSamples.Multilevel(), "p.txt");

        var picture = OstepPictures.Multilevel(problem, OstepSolver.Solve(problem)[0]);

        Assert.Single(picture.Asked);
        Assert.Equal(3, picture.Asked[0].Marked);
        Assert.Equal(3, picture.Answered.Count);
        Assert.Equal(5, picture.Answered[1].Marked);
        Assert.Equal(40, picture.Answered[2].Marked);
        Assert.Equal(OstepLotKind.Table, picture.Answered[2].Lots[10].Kind);
        Assert.Equal(OstepLotKind.Table, picture.Answered[2].Lots[20].Kind);
        Assert.Equal([new OstepRoad(0, 3, 1, 5), new OstepRoad(1, 5, 2, 40)], picture.Roads);
    }

    [Fact]
    public void Multilevel_PdeFault_ShowsOnlyTheDirectory()
    {
        var problem = OstepProblemReader.Read(OstepSamples.Multilevel(), "p.txt");

        var picture = OstepPictures.Multilevel(problem, OstepSolver.Solve(problem)[2]);

        Assert.Single(picture.Answered);
        Assert.Equal(0, picture.Answered[0].Marked);
        Assert.Empty(picture.Roads);
    }

    [Fact]
    public void Policy_Eviction_MarksTheVictimBeforeAndThePageAfter()
    {
        // FIFO, 3 frames, 1 2 3 4: the fourth reference evicts page 1.
        var problem = OstepPolicyProblemReader.Read(OstepPolicySamples.Listed("FIFO", 3, 1, 2, 3, 4), "p.txt");
        var steps = OstepPolicySolver.Solve(problem);

        var picture = OstepPictures.Policy(problem, steps, 3, steps[2].Memory);

        Assert.Equal(3, picture.Asked[0].Marked);
        Assert.Equal(["1", "2", "3"], picture.Asked[1].Lots.Select(l => l.Label));
        Assert.Equal(-1, picture.Asked[1].Marked);
        Assert.Equal(0, picture.Answered[1].Marked);
        Assert.Equal(["2", "3", "4"], picture.Answered[2].Lots.Select(l => l.Label));
        Assert.Equal([new OstepRoad(0, 3, 2, 2)], picture.Roads);
    }

    [Fact]
    public void Policy_MemoryWithRoom_ShowsEmptyFrames()
    {
        var problem = OstepPolicyProblemReader.Read(OstepPolicySamples.Listed("LRU", 3, 5), "p.txt");
        var steps = OstepPolicySolver.Solve(problem);

        var picture = OstepPictures.Policy(problem, steps, 0, []);

        Assert.All(picture.Asked[1].Lots, l => Assert.Equal(OstepLotKind.Empty, l.Kind));
        Assert.Equal(["5", "", ""], picture.Answered[2].Lots.Select(l => l.Label));
    }

    [Fact]
    public void FromText_EveryQuestion_HasAPicture()
    {
        foreach (var text in new[] { OstepSamples.Linear, OstepSamples.Multilevel(), OstepPolicySamples.Generated("CLOCK") })
        {
            Assert.All(OstepQuizzes.FromText(text, "p.txt").Questions, q => Assert.NotNull(q.Picture));
        }
    }
}
