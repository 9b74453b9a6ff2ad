using VmQuest.Levels.Catalog;
using VmQuest.Screens.Shell;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

public class CurriculumTests
{
    private static readonly IReadOnlySet<string> Everything = Curriculum.CampaignOrder.ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void CampaignOrder_EveryShippedLevel_IsPlacedOnce()
    {
        var shipped = ShippedLevels.All().Select(l => l.Id).ToList();

        Assert.Equal(Curriculum.CampaignOrder.Count, Curriculum.CampaignOrder.Distinct().Count());
        // The campaign may name levels another branch ships; every level shipped here is on it.
        Assert.All(shipped, id => Assert.Contains(id, Curriculum.CampaignOrder));
        Assert.Equal(17, Curriculum.CampaignOrder.Count);
        Assert.Equal("translate-split", Curriculum.CampaignOrder[0]);
        Assert.Equal("kernel-for-a-day", Curriculum.CampaignOrder[^1]);
    }

    [Fact]
    public void Prerequisites_EveryCampaignLevelOnce_EachOnAnEarlierCampaignLevel_SoTheMapIsADag()
    {
        Assert.Equal(Curriculum.CampaignOrder.Order(StringComparer.Ordinal), Curriculum.Prerequisites.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, prerequisites) in Curriculum.Prerequisites)
        {
            Assert.All(prerequisites, p => Assert.True(Curriculum.PositionOf(p) < Curriculum.PositionOf(id), $"{p} → {id} points backwards"));
        }
    }

    [Fact]
    public void Prerequisites_ClearingWhatIsOpen_ReachesEveryCampaignLevel_SeveralOpenAtTheStart()
    {
        var cleared = new HashSet<string>(StringComparer.Ordinal);
        var atStart = Curriculum.CampaignOrder.Count(id => Curriculum.LockedBy(id, Everything, cleared.Contains).Count == 0);
        var rounds = 0;
        while (cleared.Count < Curriculum.CampaignOrder.Count && rounds++ < 100)
        {
            var open = Curriculum.CampaignOrder.Where(id => !cleared.Contains(id) && Curriculum.LockedBy(id, Everything, cleared.Contains).Count == 0).ToList();
            Assert.NotEmpty(open);
            cleared.Add(open[0]); // a player who clears one open level at a time, in campaign order
        }

        Assert.True(atStart >= 3, $"only {atStart} levels are open at the start");
        Assert.Equal(Curriculum.CampaignOrder.Count, cleared.Count);
    }

    [Fact]
    public void LockedBy_FromProgress_OpenWhenEveryPrerequisiteIsCleared()
    {
        Assert.Empty(Curriculum.LockedBy("translate-split", Everything, _ => false));
        Assert.Equal(["translate-split"], Curriculum.LockedBy("translate-walk", Everything, _ => false));
        Assert.Empty(Curriculum.LockedBy("translate-walk", Everything, id => id == "translate-split"));
        // Two prerequisites: one cleared still leaves the other.
        Assert.Equal(["permissions-least-privilege"], Curriculum.LockedBy("fault-layout", Everything, id => id == "fault-demand-paging"));
        Assert.Empty(Curriculum.LockedBy("fault-layout", Everything, id => id is "fault-demand-paging" or "permissions-least-privilege"));
    }

    [Fact]
    public void PrerequisitesOf_MissingLevel_ItsOwnPrerequisitesStandIn()
    {
        var present = Everything.Except(["fault-layout", "fault-demand-paging"]).ToHashSet(StringComparer.Ordinal);

        // elf-layout-greet opens after fault-layout, which opens after fault-demand-paging and permissions: only
        // the one of those three that is present remains.
        Assert.Equal(["permissions-least-privilege"], Curriculum.PrerequisitesOf("elf-layout-greet", present));
        Assert.Equal(["permissions-least-privilege", "fault-demand-paging"], Curriculum.PrerequisitesOf("fault-layout", Everything));
    }

    [Fact]
    public void PrerequisitesOf_TeachersOwnLevel_IsAlwaysOpen()
    {
        Assert.Null(Curriculum.PositionOf("my-homework"));
        Assert.Empty(Curriculum.PrerequisitesOf("my-homework", Everything));
    }

    [Fact]
    public void Order_ShippedAndUnlisted_CampaignFirstInItsOrderThenTheRestAsScanned()
    {
        var entries = LevelCatalog.Scan(ShippedLevels.Directory).ToList();
        var broken = new LevelCatalogEntry("a-broken.yaml", null, "a-broken.yaml:1:1: id: expected a slug");
        entries.Insert(0, broken);

        var ordered = Curriculum.Order(entries);

        Assert.Equal("translate-split", ordered[0].Level!.Id);
        Assert.Equal(Curriculum.CampaignOrder.Where(id => entries.Any(e => e.Level?.Id == id)), ordered.Take(ordered.Count - 1).Select(e => e.Level!.Id));
        Assert.Same(broken, ordered[^1]);
    }
}
