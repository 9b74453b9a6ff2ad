using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;

namespace VmQuest.Tests.Game.Screens.Play;

public class PlayScreenLayoutTests
{
    [Fact]
    public void For_DefaultPanel_380PixelsAtOneHundredPercent_CityTakesTheRest()
    {
        var layout = PlayScreenLayout.For(1280, 720, UiContext.Default);

        Assert.Equal(380, layout.Panel.Width);
        Assert.Equal(900, layout.City.Width);
        Assert.Equal(layout.City.Right, layout.Panel.X);
    }

    [Fact]
    public void For_WidePanel_GetsItsWidthUpToMoreThanHalfTheWindow()
    {
        var elf = new ElfLayoutPanel();

        Assert.Equal(660, PlayScreenLayout.For(1280, 720, UiContext.Default, elf.Width).Panel.Width);
        Assert.Equal(1280 * 0.55f, PlayScreenLayout.For(1280, 720, UiContext.Default with { Scale = 1.5f }, elf.Width).Panel.Width, 3);
    }
}
