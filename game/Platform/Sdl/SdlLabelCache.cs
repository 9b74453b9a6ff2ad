using System.Buffers;
using System.Text;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// Static text rendered once into a texture per (text, pixel size, opaque colour), so a label costs one texture
/// copy per frame. The colour is baked in rather than applied as a colour modulation because the software
/// renderer's modulated blit is about four times slower than its plain blended one; alpha is applied per draw
/// so fading a label does not make new textures. Labels not drawn for a
/// while are freed once the cache is over capacity.
/// </summary>
internal sealed unsafe class SdlLabelCache : IDisposable
{
    private readonly IntPtr _renderer;
    private readonly SdlFonts _fonts;
    private readonly int _capacity;
    private readonly Dictionary<(string Text, int Size, Colour Rgb), Label> _labels = [];
    private long _frame;

    public SdlLabelCache(IntPtr renderer, SdlFonts fonts, int capacity)
    {
        _renderer = renderer;
        _fonts = fonts;
        _capacity = capacity;
    }

    /// <summary>How many labels are cached (for tests and diagnostics).</summary>
    public int Count => _labels.Count;

    /// <summary>Draws <paramref name="text"/> with its top-left at (x, y) in screen pixels.</summary>
    public void Draw(string text, float x, float y, int size, Colour colour)
    {
        var label = GetOrRender(text, size, colour with { A = 255 });
        if (label.Texture == IntPtr.Zero)
        {
            return; // empty text
        }

        if (label.Alpha != colour.A)
        {
            _ = Sdl2.SetTextureAlphaMod(label.Texture, colour.A);
            label.Alpha = colour.A;
        }

        var destination = new SdlFRect(x, y, label.Width, label.Height);
        _ = Sdl2.RenderCopyF(_renderer, label.Texture, null, &destination);
    }

    /// <summary>The pixel size <paramref name="text"/> covers at <paramref name="size"/> (no texture is made).</summary>
    public (int Width, int Height) Measure(string text, int size)
    {
        var font = _fonts.Get(text.Length == 0 ? SdlFonts.FontFace.Latin : _fonts.FaceFor(text, size), size);
        if (text.Length == 0)
        {
            return (0, Sdl2Ttf.FontHeight(font));
        }

        var byteCount = Encoding.UTF8.GetByteCount(text);
        var utf8 = ArrayPool<byte>.Shared.Rent(byteCount + 1);
        try
        {
            Encoding.UTF8.GetBytes(text, utf8);
            utf8[byteCount] = 0;
            int w, h;
            fixed (byte* p = utf8)
            {
                if (Sdl2Ttf.SizeUtf8(font, p, &w, &h) != 0)
                {
                    throw new InvalidOperationException($"SDL_ttf could not measure '{text}': {Sdl2.LastError()}");
                }
            }

            return (w, h);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>Ends a frame: frees labels not drawn this frame or the last if the cache is over capacity.</summary>
    public void EndFrame()
    {
        _frame++;
        if (_labels.Count <= _capacity)
        {
            return;
        }

        foreach (var (key, label) in _labels.Where(pair => pair.Value.LastUsed < _frame - 1).ToList())
        {
            Sdl2.DestroyTexture(label.Texture);
            _labels.Remove(key);
        }
    }

    public void Dispose()
    {
        foreach (var label in _labels.Values)
        {
            Sdl2.DestroyTexture(label.Texture);
        }

        _labels.Clear();
    }

    private Label GetOrRender(string text, int size, Colour colour)
    {
        if (_labels.TryGetValue((text, size, colour), out var label))
        {
            label.LastUsed = _frame;
            return label;
        }

        label = Render(text, size, colour);
        label.LastUsed = _frame;
        _labels[(text, size, colour)] = label;
        return label;
    }

    private Label Render(string text, int size, Colour colour)
    {
        if (text.Length == 0)
        {
            return new Label(IntPtr.Zero, 0, Sdl2Ttf.FontHeight(_fonts.Get(SdlFonts.FontFace.Latin, size)));
        }

        var font = _fonts.Get(_fonts.FaceFor(text, size), size);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var utf8 = ArrayPool<byte>.Shared.Rent(byteCount + 1);
        try
        {
            Encoding.UTF8.GetBytes(text, utf8);
            utf8[byteCount] = 0;
            fixed (byte* p = utf8)
            {
                var surface = Sdl2Ttf.RenderUtf8Blended(font, p, new SdlColor(colour.R, colour.G, colour.B, 255));
                if (surface == null)
                {
                    throw new InvalidOperationException($"SDL_ttf could not render '{text}': {Sdl2.LastError()}");
                }

                try
                {
                    var texture = Sdl2.CreateTextureFromSurface(_renderer, surface);
                    if (texture == IntPtr.Zero)
                    {
                        throw new InvalidOperationException($"SDL could not create a label texture: {Sdl2.LastError()}");
                    }

                    _ = Sdl2.SetTextureBlendMode(texture, SdlConstants.BlendModeBlend);
                    return new Label(texture, surface->W, surface->H);
                }
                finally
                {
                    Sdl2.FreeSurface(surface);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private sealed class Label(IntPtr texture, int width, int height)
    {
        public IntPtr Texture { get; } = texture;

        public int Width { get; } = width;

        public int Height { get; } = height;

        public long LastUsed { get; set; }

        public byte Alpha { get; set; } = 255;
    }
}
