using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Screens;
using VmQuest.Screens.Shell;
using VmQuest.Screens.Shell.Widgets;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

/// <summary>Headless renders of every shell screen in both languages, with pixel checks of what each must show.</summary>
[Collection(SdlTestGroup.Name)]
public sealed class ShellRenderTests
{
    public static TheoryData<string, string> ScreensAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var screen in new[] { "title", "levels", "briefing", "settings", "records" })
        {
            data.Add(screen, "en");
            data.Add(screen, "zh-Hans");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScreensAndLanguages))]
    public void Draw_EveryScreen_ShowsContentAndAKeyBar(string screen, string language)
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        using var game = new ShellFixture(backend, language: language);
        game.Stack.Push(Open(game.Shell, screen));
        game.Idle();
        var pixels = Render(backend, game);
        var ui = game.Shell.Ui;
        var bar = (int)KeyBar.Height(ui);
        // The key bar: its panel colour at the bottom, and text (keys) drawn on it.
        PixelAssert.IsColour(pixels, backend.Width, backend.Width - 4, backend.Height - 4, Palette.HudBackground);
        Assert.True(PixelAssert.CountNot(pixels, backend.Width, new RectI(0, backend.Height - bar + 2, 400, bar - 4), Palette.HudBackground) > 100);
        // The screen's content: plenty drawn above the bar.
        Assert.True(PixelAssert.CountNot(pixels, backend.Width, new RectI(0, 0, backend.Width, 300), Palette.Background) > 2000);
        var folder = Path.Combine(Path.GetTempPath(), "vmquest-shell-screens");
        Directory.CreateDirectory(folder);
        backend.BeginFrame();
        game.Stack.Draw(backend, ui);
        backend.SavePng(Path.Combine(folder, $"{screen}-{language}.png"));
        backend.EndFrame();
    }

    [Fact]
    public void Draw_ClassicPalette_ChangesTheGround()
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(640, 480));
        using var game = new ShellFixture(backend);
        game.Shell.ChangeSettings(game.Settings.Current with { Palette = PaletteScheme.Classic });
        var pixels = Render(backend, game);
        PixelAssert.IsColour(pixels, backend.Width, backend.Width - 2, 2, PaletteScheme.Classic.Background);
    }

    [Fact]
    public void Sandbox_FromTheTitle_RunsTheCity_AndEscComesBack()
    {
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        using var game = new ShellFixture(backend);
        var opened = 0;
        var shell = new ShellContext(backend, game.Settings, game.Progress, ShippedLevels.Directory)
        {
            OpenSandbox = () =>
            {
                opened++;
                return new SandboxScreen(backend, new VmQuest.City.Simulation.SandboxSettings { Frames = 256, Processes = 2 }, SimulationSpeed.Max);
            },
        };
        var stack = new ScreenStack(new TitleScreen(shell), game.Progress);
        var input = new InputState();
        void Press(Key key)
        {
            input.BeginFrame();
            input.PressKey(key);
            stack.Update(input, shell.Ui);
            input.ReleaseKey(key);
        }

        Press(Key.S);
        Assert.Equal(1, opened);
        Assert.Equal("sandbox", stack.Top!.Name);
        input.BeginFrame();
        stack.Update(input, shell.Ui);
        backend.BeginFrame();
        stack.Draw(backend, shell.Ui);
        backend.EndFrame();
        Press(Key.Escape);
        Assert.Equal("title", stack.Top!.Name);
    }

    [Fact]
    public void Draw_Briefing_ShowsTheReferenceString()
    {
        var level = ShippedLevels.Belady();
        Assert.Equal([1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5], BriefingPicture.References(level));
    }

    private static IScreen Open(ShellContext shell, string screen) => screen switch
    {
        "title" => new TitleScreen(shell),
        "levels" => new LevelSelectScreen(shell),
        "briefing" => new BriefingScreen(shell, ShippedLevels.Belady()),
        "settings" => new SettingsScreen(shell),
        _ => new RecordsScreen(shell),
    };

    private static uint[] Render(SdlRenderBackend backend, ShellFixture game)
    {
        var pixels = new uint[backend.Width * backend.Height];
        backend.BeginFrame();
        game.Stack.Draw(backend, game.Shell.Ui);
        backend.ReadPixels(pixels);
        backend.EndFrame();
        return pixels;
    }
}
