using VmQuest.City.Hud;
using VmQuest.City.Simulation;
using VmQuest.Platform;

namespace VmQuest.Tests.Game.City.Hud;

public sealed class SettingsPanelTests
{
    private static readonly RectF City = new(0, 52, 908, 470);

    [Fact]
    public void Change_EveryRow_StepsThroughItsChoicesAndWraps()
    {
        var panel = new SettingsPanel();
        panel.Open(new SandboxSettings());

        panel.MoveRow(1);
        panel.Change(1);
        Assert.Equal(16384, panel.Settings.Frames);
        panel.MoveRow(2);
        panel.Change(1);
        Assert.Equal(0, panel.Settings.TlbEntries);
        panel.MoveRow(4); // row 7, the policy: lru's predecessor is fifo
        panel.Change(-1);
        Assert.Equal(7, panel.Row);
        Assert.Equal("fifo", panel.Settings.Policy);
        panel.MoveRow(1); // wraps to the machine
        Assert.Equal(0, panel.Row);
    }

    [Fact]
    public void Problem_ImpossibleTlb_SaysWhyAndApplyIsRefused()
    {
        var panel = new SettingsPanel();
        panel.Open(new SandboxSettings { TlbEntries = 4, TlbWays = 8 });

        Assert.Contains("must be a positive multiple of ways", panel.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_RightArrowOfARow_ChangesItAndApplyIsAClick()
    {
        var panel = new SettingsPanel();
        panel.Open(new SandboxSettings());

        Assert.False(panel.Click(City, SettingsPanel.Arrow(City, 5, right: true).Centre));
        Assert.Equal(5, panel.Row);
        Assert.True(panel.Settings.Pcid);
        Assert.True(panel.Click(City, SettingsPanel.ApplyButton(City).Centre));
    }
}
