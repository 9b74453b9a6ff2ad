using System.Globalization;
using System.Numerics;

namespace VmQuest.Platform;

/// <summary>
/// A test card that exercises every backend operation: palette swatches labelled in English and Chinese,
/// lines, triangles, a texture, camera zoom, changing text and a HUD bar. Used by <c>vmquest render-test</c>
/// to check a machine's graphics stack by eye, and by tests as a smoke scene.
/// </summary>
public sealed class RenderTestCard : IDisposable
{
    /// <summary>Side of the demo texture in pixels (one pixel per lot).</summary>
    public const int TextureSide = 64;

    private const float SwatchWidth = 200, SwatchHeight = 64, SwatchGap = 10, Left = 20, Top = 70;

    private readonly IRenderBackend _backend;
    private readonly TextureId _texture;

    /// <summary>Creates the card's texture on <paramref name="backend"/> (freed by <see cref="Dispose"/>).</summary>
    public RenderTestCard(IRenderBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        _texture = _backend.CreateTexture(TextureSide, TextureSide, opaque: true);
        _backend.UpdateTexture(_texture, LotPixels());
    }

    /// <summary>Where the swatch of <see cref="Palette.Roles"/>[<paramref name="index"/>] is drawn (screen pixels).</summary>
    public static RectF SwatchBounds(int index) =>
        new(Left + ((index % 3) * (SwatchWidth + SwatchGap)), Top + ((index / 3) * (SwatchHeight + SwatchGap)),
            SwatchWidth, SwatchHeight);

    /// <summary>Where the texture is drawn (screen pixels).</summary>
    public static RectF TextureBounds { get; } = new(700, 70, 192, 192);

    /// <summary>The world-space square drawn through a 4× camera, and that camera.</summary>
    public static (RectF World, Camera2D Camera) ZoomDemo { get; } =
        (new RectF(0, 0, 20, 20), new Camera2D(new Vector2(940, 70), Vector2.Zero, 4f));

    /// <summary>Draws the card; <paramref name="frame"/> and <paramref name="input"/> feed the changing text.</summary>
    public void Draw(long frame, InputState? input = null)
    {
        _backend.Clear(Palette.Background);
        _backend.DrawText("VmQuest render test · 渲染测试 (city of memory · 内存之城)", new Vector2(Left, 20), 26, Palette.Text);

        for (var i = 0; i < Palette.Roles.Count; i++)
        {
            DrawSwatch(i, Palette.Roles[i]);
        }

        // Textures: one pixel per lot, stretched 3×, as the city's level-of-detail blocks will be.
        _backend.DrawTexture(_texture, TextureBounds);
        _backend.DrawRect(TextureBounds, Palette.Highlight, 2);
        _backend.DrawText("texture 64×64 · 纹理", new Vector2(TextureBounds.X, TextureBounds.Bottom + 6), 16, Palette.TextDim);

        // Camera: a 20×20 world square at zoom 4 covers 80×80 screen pixels.
        var (world, camera) = ZoomDemo;
        _backend.BeginCamera(camera);
        _backend.FillRect(world, Palette.Heap);
        _backend.FillRect(new RectF(5, 5, 10, 10), Palette.Stack);
        _backend.DrawRect(world, Palette.Highlight, 1);
        _backend.EndCamera();
        _backend.DrawText("camera zoom 4× · 缩放", new Vector2(camera.Offset.X, camera.Offset.Y + 88), 16, Palette.TextDim);

        DrawLinesAndTriangles();
        DrawHud(frame, input);
    }

    /// <summary>Frees the card's texture.</summary>
    public void Dispose() => _backend.DestroyTexture(_texture);

    private void DrawSwatch(int index, PaletteRole role)
    {
        var bounds = SwatchBounds(index);
        if (role.Colour == Palette.CowPrimary)
        {
            // Copy-on-write is drawn two-tone: split along the diagonal.
            _backend.FillRect(bounds, Palette.CowPrimary);
            _backend.FillTriangles(
                [bounds.Position with { X = bounds.Right }, new Vector2(bounds.Right, bounds.Bottom), bounds.Position with { Y = bounds.Bottom }],
                Palette.CowSecondary);
        }
        else
        {
            _backend.FillRect(bounds, role.Colour);
        }

        var label = Palette.LabelOn(role.Colour);
        _backend.DrawText($"{role.Name} {role.NameZh}", new Vector2(bounds.X + 8, bounds.Y + 8), 18, label);
        _backend.DrawText(role.Colour.ToString(), new Vector2(bounds.X + 8, bounds.Y + 36), 14, label);
    }

    private void DrawLinesAndTriangles()
    {
        var origin = new Vector2(1110, 70);
        for (var i = 0; i <= 8; i++)
        {
            var angle = i * MathF.PI / 16;
            var end = origin + (new Vector2(MathF.Cos(angle), MathF.Sin(angle)) * 150);
            _backend.DrawLine(origin, end, i % 2 == 0 ? Palette.Tlb : Palette.Kernel, 1 + (i % 3));
        }

        _backend.DrawText("lines · 线", new Vector2(1110, 230), 16, Palette.TextDim);

        var baseY = 330f;
        _backend.FillTriangles(
        [
            new(700, baseY + 120), new(760, baseY), new(820, baseY + 120),
            new(840, baseY + 120), new(900, baseY), new(960, baseY + 120),
        ], Palette.DataPages);
        _backend.FillTriangles([new(980, baseY), new(1100, baseY), new(1040, baseY + 120)], Palette.Fault);
        _backend.DrawText("triangles · 三角形", new Vector2(700, baseY + 130), 16, Palette.TextDim);
    }

    private void DrawHud(long frame, InputState? input)
    {
        var bar = new RectF(0, _backend.Height - 56, _backend.Width, 56);
        _backend.FillRect(bar, Palette.HudBackground);
        _backend.DrawText("HUD · 状态栏", new Vector2(Left, bar.Y + 8), 18, Palette.HudText);
        Span<char> buffer = stackalloc char[128];
        var mouse = input?.MousePosition ?? Vector2.Zero;
        if (buffer.TryWrite(CultureInfo.InvariantCulture, $"frame {frame:N0}  cycles {frame * 2_000:N0}  mouse {mouse.X:0},{mouse.Y:0}  缺页 {frame % 97}", out var written))
        {
            _backend.DrawDynamicText(buffer[..written], new Vector2(Left, bar.Y + 32), 16, Palette.HudText);
        }
    }

    private static uint[] LotPixels()
    {
        var pixels = new uint[TextureSide * TextureSide];
        for (var y = 0; y < TextureSide; y++)
        {
            for (var x = 0; x < TextureSide; x++)
            {
                // Districts of 8×8 lots, each coloured by a role, with a free lot every so often.
                var district = ((y / 8) * 8) + (x / 8);
                var role = Palette.Roles[district % 9].Colour;
                pixels[(y * TextureSide) + x] = ((x * 7) + (y * 3)) % 11 == 0 ? Palette.FreeLot.ToArgb() : role.ToArgb();
            }
        }

        return pixels;
    }
}
