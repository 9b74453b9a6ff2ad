using System.Numerics;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Tests.Game.Platform;

/// <summary>Headless (offscreen driver, software renderer) drawing with semantic pixel checks.</summary>
[Collection(SdlTestGroup.Name)]
public sealed class SdlRenderBackendTests : IDisposable
{
    private const int W = 320, H = 200;
    private readonly SdlRenderBackend _backend = new(SdlBackendOptions.HeadlessOf(W, H));

    public void Dispose() => _backend.Dispose();

    [Fact]
    public void Headless_UsesTheOffscreenDriver_AndTheRequestedSize()
    {
        Assert.Equal("offscreen", SdlRenderBackend.VideoDriver);
        Assert.Equal((W, H), (_backend.Width, _backend.Height));
    }

    [Fact]
    public void Clear_FillsEveryPixel()
    {
        var pixels = Frame(() => _backend.Clear(Palette.Background));
        PixelAssert.AreaIs(pixels, W, new RectI(0, 0, W, H), Palette.Background);
    }

    [Fact]
    public void FillRect_PixelsInsideArePaletteColour_OutsideUntouched()
    {
        var pixels = Frame(() => _backend.FillRect(new RectF(40, 30, 50, 20), Palette.Fault));
        PixelAssert.AreaIs(pixels, W, new RectI(40, 30, 50, 20), Palette.Fault);
        PixelAssert.IsColour(pixels, W, 39, 30, Palette.Background);
        PixelAssert.IsColour(pixels, W, 90, 30, Palette.Background);
        PixelAssert.IsColour(pixels, W, 40, 50, Palette.Background);
    }

    [Fact]
    public void FillRect_WithAlpha_BlendsOverTheBackground()
    {
        var pixels = Frame(() => _backend.FillRect(new RectF(0, 0, 10, 10), new Colour(255, 255, 255, 128)));
        var expected = Palette.Background.Lerp(new Colour(255, 255, 255), 128 / 255f);
        PixelAssert.IsColour(pixels, W, 5, 5, expected);
    }

    [Fact]
    public void FillRects_ThroughCamera_FillsEach()
    {
        var camera = new Camera2D(new Vector2(10, 10), Vector2.Zero, 2);
        var pixels = Frame(() =>
        {
            _backend.BeginCamera(camera);
            _backend.FillRects([new RectF(0, 0, 4, 4), new RectF(10, 0, 4, 4)], Palette.Stack);
            _backend.EndCamera();
        });
        PixelAssert.AreaIs(pixels, W, new RectI(10, 10, 8, 8), Palette.Stack);
        PixelAssert.AreaIs(pixels, W, new RectI(30, 10, 8, 8), Palette.Stack);
        PixelAssert.IsColour(pixels, W, 20, 12, Palette.Background);
    }

    [Theory]
    [InlineData(1.37f)]
    [InlineData(2.5f)]
    [InlineData(3.01f)]
    public void FillRect_AdjacentLotsAtFractionalZoom_LeaveNoSeams(float zoom)
    {
        var camera = new Camera2D(new Vector2(0.3f, 0), Vector2.Zero, zoom);
        var pixels = Frame(() =>
        {
            _backend.BeginCamera(camera);
            for (var i = 0; i < 60; i++)
            {
                _backend.FillRect(new RectF(i, 0, 1, 1), i % 2 == 0 ? Palette.Heap : Palette.Stack);
            }

            _backend.EndCamera();
        });
        var right = (int)camera.WorldToScreen(new Vector2(60, 0)).X;
        for (var x = 1; x < right - 1; x++)
        {
            var colour = PixelAssert.At(pixels, W, x, 0);
            Assert.True(PixelAssert.Near(colour, Palette.Heap) || PixelAssert.Near(colour, Palette.Stack), $"seam at x={x}: {colour}");
        }
    }

    [Fact]
    public void SetClip_LimitsDrawing_AndIsResetNextFrame()
    {
        var pixels = Frame(() =>
        {
            _backend.SetClip(new RectF(0, 0, 50, 50));
            _backend.FillRect(new RectF(0, 0, 100, 100), Palette.Swap);
        });
        PixelAssert.IsColour(pixels, W, 49, 49, Palette.Swap);
        PixelAssert.IsColour(pixels, W, 50, 20, Palette.Background);

        pixels = Frame(() => _backend.FillRect(new RectF(0, 0, 100, 100), Palette.Swap));
        PixelAssert.IsColour(pixels, W, 99, 99, Palette.Swap);
    }

    [Fact]
    public void DrawRect_DrawsOnlyTheOutline()
    {
        var pixels = Frame(() => _backend.DrawRect(new RectF(10, 10, 40, 30), Palette.Highlight, 2));
        PixelAssert.IsColour(pixels, W, 10, 10, Palette.Highlight);
        PixelAssert.IsColour(pixels, W, 11, 25, Palette.Highlight);
        PixelAssert.IsColour(pixels, W, 48, 38, Palette.Highlight);
        PixelAssert.IsColour(pixels, W, 30, 25, Palette.Background);
    }

    [Fact]
    public void Camera_Zoom_MapsWorldRectToScaledScreenRect()
    {
        var camera = new Camera2D(Offset: new Vector2(100, 60), Target: new Vector2(10, 10), Zoom: 4);
        var pixels = Frame(() =>
        {
            _backend.BeginCamera(camera);
            _backend.FillRect(new RectF(10, 10, 5, 5), Palette.Heap); // → screen (100,60) 20×20
            _backend.EndCamera();
        });
        PixelAssert.AreaIs(pixels, W, new RectI(100, 60, 20, 20), Palette.Heap);
        PixelAssert.IsColour(pixels, W, 99, 70, Palette.Background);
        PixelAssert.IsColour(pixels, W, 120, 70, Palette.Background);
        PixelAssert.IsColour(pixels, W, 110, 80, Palette.Background);
    }

    [Fact]
    public void FillTriangles_FillsInside_NotOutside()
    {
        var pixels = Frame(() => _backend.FillTriangles([new(0, 0), new(100, 0), new(0, 100)], Palette.DataPages));
        PixelAssert.IsColour(pixels, W, 10, 10, Palette.DataPages);
        PixelAssert.IsColour(pixels, W, 90, 90, Palette.Background);
    }

    [Fact]
    public void FillTriangles_VertexCountNotMultipleOfThree_Throws() =>
        Assert.Throws<ArgumentException>(() => _backend.FillTriangles([Vector2.Zero, Vector2.One], Palette.Heap));

    [Fact]
    public void DrawLine_Thick_CoversItsWidth()
    {
        var pixels = Frame(() => _backend.DrawLine(new Vector2(10, 100), new Vector2(200, 100), Palette.Tlb, 4));
        PixelAssert.IsColour(pixels, W, 100, 99, Palette.Tlb);
        PixelAssert.IsColour(pixels, W, 100, 100, Palette.Tlb);
        PixelAssert.IsColour(pixels, W, 100, 105, Palette.Background);
    }

    [Fact]
    public void DrawText_RendersTextColouredPixelsInsideItsBox_AndNoneOutside()
    {
        const string text = "Page fault 缺页";
        Vector2 size = default;
        var pixels = Frame(() =>
        {
            size = _backend.MeasureText(text, 20);
            _backend.DrawText(text, new Vector2(20, 40), 20, Palette.Text);
        });
        Assert.InRange(size.Y, 18, 32);
        Assert.InRange(size.X, 80, 220);
        var box = new RectI(20, 40, (int)size.X, (int)size.Y);
        Assert.True(PixelAssert.CountNot(pixels, W, box, Palette.Background) > 100, "no text pixels in the box");
        PixelAssert.AreaIs(pixels, W, new RectI(0, 0, W, 39), Palette.Background);
        PixelAssert.AreaIs(pixels, W, new RectI(box.X + box.Width + 1, 40, W - box.X - box.Width - 1, 30), Palette.Background);

        // The strokes reach the requested colour (blended edges are in between).
        var hits = Enumerable.Range(0, W * H).Count(i => PixelAssert.Near(Colour.FromArgb(pixels[i]), Palette.Text, 8));
        Assert.True(hits > 20, $"only {hits} fully coloured text pixels");
    }

    [Fact]
    public void DrawText_SameLabelTwice_IsCachedOnce_PerColour()
    {
        Frame(() =>
        {
            _backend.DrawText("TLB 快表", new Vector2(0, 0), 16, Palette.Text);
            _backend.DrawText("TLB 快表", new Vector2(0, 50), 16, Palette.Text);
        });
        Assert.Equal(1, _backend.CachedLabelCount);
        Frame(() => _backend.DrawText("TLB 快表", new Vector2(0, 0), 16, Palette.Heap));
        Assert.Equal(2, _backend.CachedLabelCount);
        Frame(() => _backend.DrawText("TLB 快表", new Vector2(0, 0), 16, Palette.Heap.WithAlpha(100)));
        Assert.Equal(2, _backend.CachedLabelCount); // fading reuses the texture
    }

    [Fact]
    public void DrawText_Translucent_BlendsTowardsTheBackground()
    {
        // A big full-block glyph, so its inside is fully covered whatever the antialiasing.
        var pixels = Frame(() => _backend.DrawText("█", new Vector2(0, 0), 60, Palette.Kernel.WithAlpha(128)));
        var centre = PixelAssert.At(pixels, W, 18, 30);
        var expected = Palette.Background.Lerp(Palette.Kernel, 128 / 255f);
        Assert.True(PixelAssert.Near(centre, expected, 6), $"{centre} vs {expected}");
    }

    [Fact]
    public void DrawDynamicText_ChangingCounter_DrawsGlyphsWithoutCachingLabels()
    {
        uint[] pixels = [];
        for (var i = 0; i < 5; i++)
        {
            pixels = Frame(() => _backend.DrawDynamicText($"cycles {i * 1234567}", new Vector2(10, 10), 18, Palette.HudText));
        }

        Assert.Equal(0, _backend.CachedLabelCount);
        Assert.True(PixelAssert.CountNot(pixels, W, new RectI(10, 10, 150, 24), Palette.Background) > 50);
        var width = _backend.MeasureDynamicText("cycles 4938268", 18).X;
        Assert.InRange(width, 80, 160);
    }

    [Fact]
    public void Texture_UpdatedPixels_AreDrawnScaledNearest()
    {
        var texture = _backend.CreateTexture(2, 2);
        _backend.UpdateTexture(texture, [Palette.Heap.ToArgb(), Palette.Stack.ToArgb(), Palette.Kernel.ToArgb(), Palette.Swap.ToArgb()]);
        _backend.UpdateTexture(texture, [Palette.Fault.ToArgb()], new RectI(1, 1, 1, 1));
        var pixels = Frame(() => _backend.DrawTexture(texture, new RectF(100, 100, 40, 40)));
        PixelAssert.AreaIs(pixels, W, new RectI(100, 100, 20, 20), Palette.Heap);
        PixelAssert.AreaIs(pixels, W, new RectI(120, 100, 20, 20), Palette.Stack);
        PixelAssert.AreaIs(pixels, W, new RectI(100, 120, 20, 20), Palette.Kernel);
        PixelAssert.AreaIs(pixels, W, new RectI(120, 120, 20, 20), Palette.Fault);
        _backend.DestroyTexture(texture);
        Assert.Throws<ArgumentException>(() => _backend.DrawTexture(texture, new RectF(0, 0, 1, 1)));
    }

    [Fact]
    public void Texture_Opaque_IgnoresAlpha_Blended_HonoursIt()
    {
        var opaque = _backend.CreateTexture(1, 1, opaque: true);
        var blended = _backend.CreateTexture(1, 1);
        var halfHeap = Palette.Heap.WithAlpha(0).ToArgb();
        _backend.UpdateTexture(opaque, [halfHeap]);
        _backend.UpdateTexture(blended, [halfHeap]);
        var pixels = Frame(() =>
        {
            _backend.DrawTexture(opaque, new RectF(0, 0, 10, 10));
            _backend.DrawTexture(blended, new RectF(20, 0, 10, 10));
        });
        PixelAssert.IsColour(pixels, W, 5, 5, Palette.Heap);
        PixelAssert.IsColour(pixels, W, 25, 5, Palette.Background);
    }

    [Fact]
    public void Texture_NewlyCreated_IsTransparent()
    {
        var texture = _backend.CreateTexture(8, 8);
        var pixels = Frame(() => _backend.DrawTexture(texture, new RectF(0, 0, 64, 64)));
        PixelAssert.AreaIs(pixels, W, new RectI(0, 0, 64, 64), Palette.Background);
    }

    [Fact]
    public void SavePng_WritesTheFrame_ReadableWithTheSameColours()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-test-{Guid.NewGuid():N}.png");
        try
        {
            _backend.BeginFrame();
            _backend.Clear(Palette.Background);
            _backend.FillRect(new RectF(0, 0, 16, 16), Palette.Kernel);
            _backend.SavePng(path);
            _backend.EndFrame();

            Assert.True(File.Exists(path));
            Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + ".*.tmp"));
            var (width, height, pixels) = LoadPng(path);
            Assert.Equal((W, H), (width, height));
            PixelAssert.IsColour(pixels, W, 8, 8, Palette.Kernel);
            PixelAssert.IsColour(pixels, W, 100, 100, Palette.Background);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TestCard_RendersDeterministically()
    {
        using var card = new RenderTestCard(_backend);
        var first = Frame(() => card.Draw(1), clear: false);
        var second = Frame(() => card.Draw(1), clear: false);
        Assert.Equal(first, second);

        // Semantic checks: each swatch shows its role colour (sampled away from its label), the zoomed square too.
        for (var i = 0; i < Palette.Roles.Count; i++)
        {
            var bounds = RenderTestCard.SwatchBounds(i);
            if ((int)bounds.Right <= W && (int)bounds.Bottom <= H && Palette.Roles[i].Colour != Palette.CowPrimary)
            {
                PixelAssert.IsColour(first, W, (int)bounds.Right - 4, (int)bounds.Bottom - 4, Palette.Roles[i].Colour);
            }
        }
    }

    [Fact]
    public unsafe void PollInput_EventsPushedIntoSdlsQueue_AreSampledOncePerFrame()
    {
        _backend.PollInput(); // drain whatever the window produced on creation
        var events = new[]
        {
            new SdlEvent { Type = SdlConstants.EventMouseMotion, MotionX = 40, MotionY = 30 },
            new SdlEvent { Type = SdlConstants.EventMouseButtonDown, MouseButton = 1 },
            new SdlEvent { Type = SdlConstants.EventMouseWheel, WheelY = 2, WheelPreciseY = 2 },
            SdlInputSamplerTests.KeyEvent(SdlConstants.EventKeyDown, Key.F),
            SdlInputSamplerTests.TextEvent("页"),
        };
        events[1].ButtonX = 41;
        events[1].ButtonY = 31;
        foreach (var e in events)
        {
            var copy = e;
            Assert.True(Sdl2.PushEvent(&copy) == 1, Sdl2.LastError());
        }

        var input = _backend.PollInput();
        Assert.Equal(new Vector2(41, 31), input.MousePosition);
        Assert.True(input.IsMousePressed(MouseButton.Left));
        Assert.Equal(2, input.Wheel.Y);
        Assert.True(input.IsKeyPressed(Key.F));
        Assert.Equal("页", input.Text);

        var next = _backend.PollInput();
        Assert.False(next.IsMousePressed(MouseButton.Left));
        Assert.True(next.IsMouseDown(MouseButton.Left));
        Assert.True(next.IsKeyDown(Key.F));
        Assert.Equal("", next.Text);
    }

    private uint[] Frame(Action draw, bool clear = true)
    {
        _backend.PollInput();
        _backend.BeginFrame();
        if (clear)
        {
            _backend.Clear(Palette.Background);
        }

        draw();
        var pixels = _backend.ReadPixels();
        _backend.EndFrame();
        return pixels;
    }

    private static unsafe (int Width, int Height, uint[] Pixels) LoadPng(string path)
    {
        var surface = Sdl2Image.Load(path);
        Assert.True(surface != null, Sdl2.LastError());
        try
        {
            // IMG_Load gives 24-bit RGB or 32-bit RGBA bytes depending on the PNG; read them as bytes.
            var format = *(uint*)surface->Format;
            var bytesPerPixel = ((byte*)surface->Format)[(IntPtr.Size * 2) + 1]; // SDL_PixelFormat.BytesPerPixel
            var pixels = new uint[surface->W * surface->H];
            for (var y = 0; y < surface->H; y++)
            {
                var row = (byte*)surface->Pixels + (y * surface->Pitch);
                for (var x = 0; x < surface->W; x++)
                {
                    var p = row + (x * bytesPerPixel);
                    pixels[(y * surface->W) + x] = bytesPerPixel == 4 && format == SdlConstants.PixelFormatArgb8888
                        ? *(uint*)p
                        : new Colour(p[0], p[1], p[2]).ToArgb(); // RGB24 / ABGR8888 (R first in memory)
                }
            }

            return (surface->W, surface->H, pixels);
        }
        finally
        {
            Sdl2.FreeSurface(surface);
        }
    }
}
