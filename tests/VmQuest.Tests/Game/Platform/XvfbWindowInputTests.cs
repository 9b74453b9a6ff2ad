using System.Diagnostics;
using System.Numerics;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Tests.Game.Platform;

/// <summary>A real X11 window under Xvfb, driven by xdotool: the whole path from X events to InputState.</summary>
[Collection(SdlTestGroup.Name)]
public sealed class XvfbWindowInputTests
{
    [XvfbFact]
    public void RealWindow_XdotoolMouseClickWheelAndKey_AreSeenInInputState()
    {
        using var xvfb = XvfbServer.Start();
        var title = $"VmQuest xdotool probe {Guid.NewGuid():N}";
        using var backend = new SdlRenderBackend(new SdlBackendOptions
        {
            Width = 400, Height = 300, Title = title, VideoDriver = "x11", Resizable = false,
        });
        Assert.Equal("x11", SdlRenderBackend.VideoDriver);
        RunFrames(backend, TimeSpan.FromMilliseconds(300));
        var window = xvfb.XDoTool("search", "--sync", "--name", title).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];

        xvfb.XDoTool("mousemove", "--window", window, "123", "77");
        Assert.True(WaitFor(backend, input => input.MousePosition == new Vector2(123, 77)), "mouse move not seen");

        xvfb.XDoTool("click", "1");
        Assert.True(WaitFor(backend, input => input.IsMousePressed(MouseButton.Left)), "left click not seen");

        xvfb.XDoTool("click", "4"); // X11 button 4 = wheel up
        Assert.True(WaitFor(backend, input => input.Wheel.Y > 0), "wheel not seen");

        xvfb.XDoTool("windowfocus", "--sync", window);
        xvfb.XDoTool("key", "a");
        Assert.True(WaitFor(backend, input => input.IsKeyPressed(Key.A)), "key press not seen");
    }

    [XvfbFact]
    public void RealWindow_SoftwareAndAcceleratedRenderers_DrawThePaletteColour()
    {
        using var xvfb = XvfbServer.Start();
        foreach (var software in (bool[])[true, false])
        {
            using var backend = new SdlRenderBackend(new SdlBackendOptions
            {
                Width = 200, Height = 100, Title = "VmQuest renderer probe", VideoDriver = "x11", SoftwareRenderer = software,
            });
            backend.PollInput();
            backend.BeginFrame();
            backend.Clear(Palette.Background);
            backend.FillRect(new RectF(10, 10, 50, 50), Palette.Fault);
            var pixels = backend.ReadPixels();
            backend.EndFrame();
            PixelAssert.IsColour(pixels, backend.Width, 30, 30, Palette.Fault);
            PixelAssert.IsColour(pixels, backend.Width, 100, 30, Palette.Background);
        }
    }

    private static void RunFrames(SdlRenderBackend backend, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            Frame(backend);
        }
    }

    private static bool WaitFor(SdlRenderBackend backend, Func<InputState, bool> seen)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (seen(Frame(backend)))
            {
                return true;
            }
        }

        return false;
    }

    private static InputState Frame(SdlRenderBackend backend)
    {
        var input = backend.PollInput();
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        backend.EndFrame();
        Thread.Sleep(5);
        return input;
    }
}
