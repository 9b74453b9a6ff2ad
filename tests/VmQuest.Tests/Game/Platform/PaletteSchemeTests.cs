using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

/// <summary>The guarantees of <see cref="Palette"/> hold for every scheme the settings offer.</summary>
public sealed class PaletteSchemeTests
{
    private const double WcagText = 4.5;

    public static TheoryData<string> Schemes() => [.. PaletteScheme.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Text_OnEveryGround_MeetsWcagAA(string id)
    {
        var s = PaletteScheme.Find(id)!;
        Assert.True(Colour.ContrastRatio(s.HudText, s.HudBackground) >= WcagText);
        Assert.True(Colour.ContrastRatio(s.Text, s.Background) >= WcagText);
        Assert.True(Colour.ContrastRatio(s.TextDim, s.Background) >= WcagText);
        Assert.True(Colour.ContrastRatio(s.TextDim, s.HudBackground) >= WcagText);
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void LotColours_AreDistinct_VisibleOnTheGround_AndLabelled(string id)
    {
        var s = PaletteScheme.Find(id)!;
        Colour[] lots = [s.FreeLot, s.TextPages, s.DataPages, s.Heap, s.Stack, s.PageTableBureau, s.Kernel, s.Swap, s.Fault, s.CowPrimary, s.Tlb];
        Assert.Equal(lots.Length, lots.Distinct().Count());
        foreach (var lot in lots)
        {
            Assert.True(Colour.ContrastRatio(lot, s.Background) >= 1.3, $"{id}: {lot} vanishes into the ground");
            Assert.True(Colour.ContrastRatio(Palette.LabelOn(lot), lot) >= WcagText, $"{id}: label on {lot}");
        }

        Assert.True(Colour.ContrastRatio(s.CowPrimary, s.CowSecondary) >= 2.0);
        Assert.Empty(s.OwnerHues.Intersect(lots.Append(s.Highlight)));
    }

    [Fact]
    public void All_DefaultFirst_IsColourBlindSafe_AndOneIsNot()
    {
        Assert.Same(PaletteScheme.OkabeIto, PaletteScheme.All[0]);
        Assert.True(PaletteScheme.All[0].ColourBlindSafe);
        Assert.Contains(PaletteScheme.All, s => !s.ColourBlindSafe);
        Assert.Equal(PaletteScheme.All.Count, PaletteScheme.All.Select(s => s.Id).Distinct().Count());
    }
}
