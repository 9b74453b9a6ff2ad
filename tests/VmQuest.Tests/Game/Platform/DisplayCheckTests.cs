using VmQuest.Platform.Sdl;

namespace VmQuest.Tests.Game.Platform;

public sealed class DisplayCheckTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ReasonBeforeInit_NoDisplayVariables_OneLineNamingScreenshot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var reason = DisplayCheck.ReasonBeforeInit(Env(), requestedDriver: null);
        Assert.NotNull(reason);
        Assert.StartsWith("vmquest: no display could be opened", reason, StringComparison.Ordinal);
        Assert.Contains("--screenshot FILE", reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reason);
    }

    [Theory]
    [InlineData("DISPLAY", ":0")]
    [InlineData("WAYLAND_DISPLAY", "wayland-0")]
    [InlineData("SDL_VIDEODRIVER", "x11")]
    public void ReasonBeforeInit_ADisplayOrDriverNamed_LetsSdlTry(string name, string value) =>
        Assert.Null(DisplayCheck.ReasonBeforeInit(Env((name, value)), requestedDriver: null));

    [Fact]
    public void ReasonBeforeInit_DriverRequestedByTheCaller_LetsSdlTry() =>
        Assert.Null(DisplayCheck.ReasonBeforeInit(Env(), requestedDriver: "x11"));

    [Theory]
    [InlineData("offscreen", false)]
    [InlineData("dummy", false)]
    [InlineData("x11", true)]
    [InlineData("wayland", true)]
    public void IsVisible_OffscreenAndDummyAreNot(string driver, bool visible) =>
        Assert.Equal(visible, DisplayCheck.IsVisible(driver));

    [Fact]
    public void PreferredDriver_OnlyAnXDisplay_IsX11()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.Equal("x11", DisplayCheck.PreferredDriver(Env(("DISPLAY", ":55"))));
        Assert.Null(DisplayCheck.PreferredDriver(Env(("DISPLAY", ":0"), ("WAYLAND_DISPLAY", "wayland-0"))));
    }
}
