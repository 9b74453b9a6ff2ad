using VmQuest.Engine.Kernel.Mm;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play;
using VmQuest.Play.ElfLayout;
using VmQuest.Play.Permissions;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Play.ElfLayout;
using VmQuest.Tests.Game.Play.Permissions;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

/// <summary>
/// Both panels drawn headless in both languages (set VMQUEST_PANEL_PNG_DIR to keep the PNGs and look at them): the
/// permissions panel shows execute in the fault colour on a text VMA, the refusal in the fault colour; the ELF panel
/// fills its chosen cell.
/// </summary>
[Collection(SdlTestGroup.Name)]
public sealed class PanelRenderingTests : IDisposable
{
    private const int W = 640, H = 720;
    private readonly SdlRenderBackend _backend = new(SdlBackendOptions.HeadlessOf(W, H));

    public void Dispose() => _backend.Dispose();

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Draw_PermissionsPanelWithAPendingRequestAndARefusal_ShowsTheTogglesAndTheWhy(string language)
    {
        var session = new PermissionsSession(PermissionsLevels.LeastPrivilege());
        session.Run();
        session.StartRun();
        session.Run();
        Assert.NotNull(session.Grant(VmaPermissions.ReadWrite | VmaPermissions.Execute));

        var pixels = Render(new PermissionsPanel(), session, language, "permissions");

        // The grant's r toggle is on (the request asks for rw-), drawn in the text colour; the refusal is below it.
        PixelAssert.IsColour(pixels, W, 15, 247, Palette.TextPages);
        Assert.True(PixelAssert.CountNot(pixels, W, new RectI(0, 300, W, 200), Palette.HudBackground) > 500);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Draw_ElfLayoutPanel_ShowsTheHeadersAndTheChosenCell(string language)
    {
        var session = new ElfLayoutSession(ElfLayoutSessionTests.Greet());
        session.Run();
        Assert.Null(session.Place(0, LayoutField.Start, "0x400000"));
        Assert.NotNull(session.Place(3, LayoutField.Start, "0x403011"));

        var pixels = Render(new ElfLayoutPanel(), session, language, "elf-layout");

        // Mapping 0's start cell is the chosen one.
        PixelAssert.IsColour(pixels, W, 12 + 130 + 80, 223 + 18, Palette.TextPages);
        Assert.True(PixelAssert.CountNot(pixels, W, new RectI(0, 40, W, 160), Palette.HudBackground) > 1000);
    }

    private uint[] Render(IMechanicPanel panel, LevelSession session, string language, string name)
    {
        var ui = new UiContext(language, 1f);
        var area = new RectF(0, 0, W, H);
        _backend.PollInput();
        _backend.BeginFrame();
        _backend.Clear(Palette.Background);
        panel.Draw(session, _backend, area, ui);
        var pixels = new uint[W * H];
        _backend.ReadPixels(pixels);
        if (Environment.GetEnvironmentVariable("VMQUEST_PANEL_PNG_DIR") is { Length: > 0 } dir)
        {
            _backend.SavePng(Path.Combine(dir, $"{name}-{language}.png"));
        }

        _backend.EndFrame();
        return pixels;
    }
}
