using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class PaletteTests
{
    private const double WcagText = 4.5;

    [Fact]
    public void HudText_OnHudBackground_MeetsWcagAA() =>
        Assert.True(Colour.ContrastRatio(Palette.HudText, Palette.HudBackground) >= WcagText);

    [Fact]
    public void Text_And_TextDim_OnBackground_MeetWcagAA()
    {
        Assert.True(Colour.ContrastRatio(Palette.Text, Palette.Background) >= WcagText);
        Assert.True(Colour.ContrastRatio(Palette.TextDim, Palette.Background) >= WcagText);
        Assert.True(Colour.ContrastRatio(Palette.TextDim, Palette.HudBackground) >= WcagText);
    }

    [Fact]
    public void LabelOn_EveryRole_MeetsWcagAA()
    {
        foreach (var role in Palette.Roles)
        {
            var ratio = Colour.ContrastRatio(Palette.LabelOn(role.Colour), role.Colour);
            Assert.True(ratio >= WcagText, $"{role.Name} {role.Colour}: label contrast {ratio:0.00}");
        }
    }

    [Fact]
    public void LotRoles_AreDistinct_AndVisibleOnTheGround()
    {
        // Roles that fill lots must differ from each other and stand out from the ground (≥ 1.3:1 so even the
        // empty lot reads as a lot, not as a hole).
        var lots = Palette.Roles.Where(r => r.Name != "COW tone 2").Select(r => r.Colour).ToList();
        Assert.Equal(lots.Count, lots.Distinct().Count());
        foreach (var lot in lots)
        {
            Assert.True(Colour.ContrastRatio(lot, Palette.Background) >= 1.3, $"{lot} vanishes into the ground");
        }
    }

    [Fact]
    public void CowTones_DifferInLightness_NotJustHue() =>
        Assert.True(Colour.ContrastRatio(Palette.CowPrimary, Palette.CowSecondary) >= 2.0);

    [Fact]
    public void Roles_HaveChineseNames() =>
        Assert.All(Palette.Roles, role => Assert.False(string.IsNullOrWhiteSpace(role.NameZh)));
}
