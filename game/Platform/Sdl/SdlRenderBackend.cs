using System.Numerics;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// <see cref="IRenderBackend"/> on SDL2: one window and renderer (the software renderer by default, with
/// batching), SDL2_ttf text, SDL2_image screenshots. Headless mode uses SDL's offscreen video driver.
/// </summary>
/// <remarks>
/// One instance at a time per process (SDL is process-global); create, use and dispose it on one thread — the
/// main thread in the game. Construction throws <see cref="PlatformUnavailableException"/> with a one-line,
/// user-facing message when the libraries, fonts, display or renderer are missing.
/// </remarks>
public sealed unsafe partial class SdlRenderBackend : IRenderBackend
{
    private static int _instances;

    private readonly InputState _input = new();
    private readonly SdlTextureStore _textures;
    private readonly SdlFonts _fonts;
    private readonly SdlLabelCache _labels;
    private readonly Dictionary<(int Size, Colour Colour), SdlGlyphAtlas> _atlases = [];
    private IntPtr _window;
    private IntPtr _renderer;
    private SdlVertex[] _vertexBuffer = new SdlVertex[96];
    private Colour _drawColour;
    private int _drawBlendMode = SdlConstants.BlendModeBlend;
    private long _frame;
    private bool _disposed;

    /// <summary>Opens the window (or offscreen target) and renderer described by <paramref name="options"/>.</summary>
    /// <exception cref="PlatformUnavailableException">Libraries, fonts, display or renderer unavailable.</exception>
    /// <exception cref="InvalidOperationException">Another backend is still open in this process.</exception>
    public SdlRenderBackend(SdlBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SdlNativeLibraries.TryLoadAll(out var missing))
        {
            throw new PlatformUnavailableException(SdlNativeLibraries.MissingMessage(missing));
        }

        if (!SdlNativeLibraries.TryCheckVersions(out var tooOld))
        {
            throw new PlatformUnavailableException(tooOld);
        }

        // The Chinese face also covers Latin, so it can stand in for a missing DejaVu Sans.
        var latinFont = FontLocator.LatinFont ?? FontLocator.CjkFont ?? throw new PlatformUnavailableException(
            $"vmquest: no font found (looked for DejaVu Sans); install it with: {SdlNativeLibraries.InstallCommand}");
        if (Interlocked.Increment(ref _instances) != 1)
        {
            Interlocked.Decrement(ref _instances);
            throw new InvalidOperationException("Only one SDL render backend can be open at a time.");
        }

        try
        {
            Open(options);
        }
        catch
        {
            CloseSdl();
            Interlocked.Decrement(ref _instances);
            throw;
        }

        _textures = new SdlTextureStore(_renderer);
        _fonts = new SdlFonts(latinFont, FontLocator.CjkFont);
        _labels = new SdlLabelCache(_renderer, _fonts, options.LabelCacheCapacity);
        Options = options;
    }

    /// <summary>The options the backend was opened with.</summary>
    public SdlBackendOptions Options { get; }

    /// <summary>The SDL video driver in use ("offscreen", "x11", …).</summary>
    public static string VideoDriver => Sdl2.CurrentVideoDriver();

    /// <inheritdoc/>
    public int Width { get; private set; }

    /// <inheritdoc/>
    public int Height { get; private set; }

    /// <inheritdoc/>
    public Camera2D Camera { get; private set; } = Camera2D.Identity;

    /// <summary>How many static labels are cached now (diagnostics and tests).</summary>
    public int CachedLabelCount => _labels.Count;

    /// <summary>The SDL window handle, for platform tests (raise, find). Zero after dispose.</summary>
    internal IntPtr WindowHandle => _window;

    /// <inheritdoc/>
    public InputState PollInput()
    {
        SdlInputSampler.Sample(_input);
        if (_input.ResizedTo is not null)
        {
            RefreshSize();
        }

        return _input;
    }

    /// <inheritdoc/>
    public void BeginFrame()
    {
        Camera = Camera2D.Identity;
        SetClip(null);
        RefreshSize();
    }

    /// <inheritdoc/>
    public void EndFrame()
    {
        Camera = Camera2D.Identity;
        Sdl2.RenderPresent(_renderer);
        _labels.EndFrame();
        _frame++;
        FreeIdleAtlases();
    }

    /// <inheritdoc/>
    public void Clear(Colour colour)
    {
        SetDrawColour(colour);
        _ = Sdl2.RenderClear(_renderer);
    }

    /// <inheritdoc/>
    public void BeginCamera(Camera2D camera)
    {
        if (!(camera.Zoom > 0) || !float.IsFinite(camera.Zoom))
        {
            throw new ArgumentOutOfRangeException(nameof(camera), "Camera zoom must be positive and finite.");
        }

        Camera = camera;
    }

    /// <inheritdoc/>
    public void EndCamera() => Camera = Camera2D.Identity;

    /// <inheritdoc/>
    public void FillRect(RectF rect, Colour colour)
    {
        var sdlRect = Snap(Camera.WorldToScreen(rect));
        SetDrawColour(colour);
        _ = Sdl2.RenderFillRectF(_renderer, &sdlRect);
    }

    /// <inheritdoc/>
    public void FillRects(ReadOnlySpan<RectF> rects, Colour colour)
    {
        const int Chunk = 256;
        var buffer = stackalloc SdlFRect[Chunk];
        SetDrawColour(colour);
        for (var start = 0; start < rects.Length; start += Chunk)
        {
            var count = Math.Min(Chunk, rects.Length - start);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = Snap(Camera.WorldToScreen(rects[start + i]));
            }

            _ = Sdl2.RenderFillRectsF(_renderer, buffer, count);
        }
    }

    /// <inheritdoc/>
    public void SetClip(RectF? screenArea)
    {
        if (screenArea is { } a)
        {
            var clip = new SdlRect((int)MathF.Floor(a.X), (int)MathF.Floor(a.Y), (int)MathF.Ceiling(a.Width), (int)MathF.Ceiling(a.Height));
            _ = Sdl2.RenderSetClipRect(_renderer, &clip);
        }
        else
        {
            _ = Sdl2.RenderSetClipRect(_renderer, null);
        }
    }

    /// <inheritdoc/>
    public void DrawRect(RectF rect, Colour colour, float thickness = 1f)
    {
        var snapped = Snap(Camera.WorldToScreen(rect));
        var r = new RectF(snapped.X, snapped.Y, snapped.W, snapped.H);
        var t = Math.Min(thickness, Math.Min(r.Width, r.Height) / 2);
        if (t <= 0)
        {
            return;
        }

        var sides = stackalloc SdlFRect[4];
        sides[0] = new SdlFRect(r.X, r.Y, r.Width, t);
        sides[1] = new SdlFRect(r.X, r.Bottom - t, r.Width, t);
        sides[2] = new SdlFRect(r.X, r.Y + t, t, r.Height - (2 * t));
        sides[3] = new SdlFRect(r.Right - t, r.Y + t, t, r.Height - (2 * t));
        SetDrawColour(colour);
        _ = Sdl2.RenderFillRectsF(_renderer, sides, 4);
    }

    /// <inheritdoc/>
    public void DrawLine(Vector2 startPoint, Vector2 endPoint, Colour colour, float thickness = 1f)
    {
        var a = Camera.WorldToScreen(startPoint);
        var b = Camera.WorldToScreen(endPoint);
        if (thickness <= 1f)
        {
            SetDrawColour(colour);
            _ = Sdl2.RenderDrawLineF(_renderer, a.X, a.Y, b.X, b.Y);
            return;
        }

        // A thick line is a quad: offset both ends by half the thickness along the normal.
        var direction = b - a;
        var length = direction.Length();
        if (length == 0)
        {
            return;
        }

        var normal = new Vector2(-direction.Y, direction.X) / length * (thickness / 2);
        Span<Vector2> quad = [a + normal, b + normal, b - normal, a + normal, b - normal, a - normal];
        FillScreenTriangles(quad, colour);
    }

    /// <inheritdoc/>
    public void FillTriangles(ReadOnlySpan<Vector2> vertices, Colour colour)
    {
        if (vertices.Length % 3 != 0)
        {
            throw new ArgumentException($"Triangles need a multiple of 3 vertices, got {vertices.Length}.", nameof(vertices));
        }

        if (vertices.Length == 0)
        {
            return;
        }

        Span<Vector2> screen = vertices.Length <= 96 ? stackalloc Vector2[vertices.Length] : new Vector2[vertices.Length];
        for (var i = 0; i < vertices.Length; i++)
        {
            screen[i] = Camera.WorldToScreen(vertices[i]);
        }

        FillScreenTriangles(screen, colour);
    }

    /// <inheritdoc/>
    public TextureId CreateTexture(int width, int height, bool opaque = false) => _textures.Create(width, height, opaque);

    /// <inheritdoc/>
    public void UpdateTexture(TextureId texture, ReadOnlySpan<uint> argbPixels, RectI? region = null) =>
        _textures.Update(texture, argbPixels, region);

    /// <inheritdoc/>
    public void DrawTexture(TextureId texture, RectF destination, RectI? source = null, Colour? tint = null)
    {
        var entry = _textures.Get(texture);
        var colour = tint ?? new Colour(255, 255, 255);
        _ = Sdl2.SetTextureColorMod(entry.Handle, colour.R, colour.G, colour.B);
        _ = Sdl2.SetTextureAlphaMod(entry.Handle, colour.A);
        var sdlDestination = Snap(Camera.WorldToScreen(destination));
        if (source is { } s)
        {
            var sdlSource = new SdlRect(s.X, s.Y, s.Width, s.Height);
            _ = Sdl2.RenderCopyF(_renderer, entry.Handle, &sdlSource, &sdlDestination);
        }
        else
        {
            _ = Sdl2.RenderCopyF(_renderer, entry.Handle, null, &sdlDestination);
        }
    }

    /// <inheritdoc/>
    public void DestroyTexture(TextureId texture) => _textures.Destroy(texture);

    /// <summary>Closes the window and shuts SDL down. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var atlas in _atlases.Values)
        {
            atlas.Dispose();
        }

        _atlases.Clear();
        _labels.Dispose();
        _textures.Dispose();
        _fonts.Dispose();
        CloseSdl();
        Interlocked.Decrement(ref _instances);
    }

    private void SetDrawColour(Colour colour)
    {
        if (colour == _drawColour)
        {
            return;
        }

        _ = Sdl2.SetRenderDrawColor(_renderer, colour.R, colour.G, colour.B, colour.A);
        _drawColour = colour;

        // Opaque shapes skip blending: the software renderer then fills with plain stores, several times faster.
        var blendMode = colour.A == 255 ? SdlConstants.BlendModeNone : SdlConstants.BlendModeBlend;
        if (blendMode != _drawBlendMode)
        {
            _ = Sdl2.SetRenderDrawBlendMode(_renderer, blendMode);
            _drawBlendMode = blendMode;
        }
    }

    private void FillScreenTriangles(ReadOnlySpan<Vector2> screen, Colour colour)
    {
        if (_vertexBuffer.Length < screen.Length)
        {
            _vertexBuffer = new SdlVertex[Math.Max(screen.Length, _vertexBuffer.Length * 2)];
        }

        SetDrawColour(colour); // geometry without a texture uses the draw blend mode
        var sdlColour = new SdlColor(colour.R, colour.G, colour.B, colour.A);
        for (var i = 0; i < screen.Length; i++)
        {
            _vertexBuffer[i] = new SdlVertex { X = screen[i].X, Y = screen[i].Y, Color = sdlColour };
        }

        fixed (SdlVertex* v = _vertexBuffer)
        {
            _ = Sdl2.RenderGeometry(_renderer, IntPtr.Zero, v, screen.Length, null, 0);
        }
    }

    /// <summary>
    /// Rounds a screen rectangle's edges (not its position and size separately) to whole pixels, so rects that
    /// touch in world space touch on screen at any zoom: SDL's software renderer truncates x and width
    /// independently, which leaves one-pixel seams between neighbouring lots. A non-empty rect stays at least
    /// one pixel wide and tall.
    /// </summary>
    private static SdlFRect Snap(RectF r)
    {
        var x0 = MathF.Round(r.X);
        var y0 = MathF.Round(r.Y);
        var w = MathF.Round(r.Right) - x0;
        var h = MathF.Round(r.Bottom) - y0;
        return new SdlFRect(x0, y0, r.Width > 0 ? MathF.Max(w, 1) : 0, r.Height > 0 ? MathF.Max(h, 1) : 0);
    }

    private void RefreshSize()
    {
        int w, h;
        if (Sdl2.GetRendererOutputSize(_renderer, &w, &h) == 0)
        {
            Width = w;
            Height = h;
        }
    }
}
