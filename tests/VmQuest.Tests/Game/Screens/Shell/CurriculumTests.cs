using VmQuest.Levels.Catalog;
using VmQuest.Screens.Shell;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

public class CurriculumTests
{
    [Fact]
    public void ShippedOrder_EveryShippedLevel_IsPlacedOnce()
    {
        var shipped = ShippedLevels.All().Select(l => l.Id).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(shipped, Curriculum.ShippedOrder.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Order_ShippedAndUnlisted_ShippedFirstInTeachingOrderThenTheRestAsScanned()
    {
        var entries = LevelCatalog.Scan(ShippedLevels.Directory).ToList();
        var broken = new LevelCatalogEntry("a-broken.yaml", null, "a-broken.yaml:1:1: id: expected a slug");
        entries.Insert(0, broken);

        var ordered = Curriculum.Order(entries);

        Assert.Equal("victim-belady", ordered[0].Level!.Id);
        Assert.Equal(Curriculum.ShippedOrder, ordered.Take(ordered.Count - 1).Select(e => e.Level!.Id));
        Assert.Same(broken, ordered[^1]);
    }
}
