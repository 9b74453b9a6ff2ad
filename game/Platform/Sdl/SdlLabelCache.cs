using System.Buffers;
using System.Text;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// Static text rendered once into a white texture per (text, pixel size) and tinted when drawn, so a label
/// costs one texture copy per frame. Labels not drawn for a while are freed once the cache is over capacity.
/// </summary>
internal sealed unsafe class SdlLabelCache : IDisposable
{
    private readonly IntPtr renderer;
    private readonly SdlFonts fonts;
    private readonly int capacity;
    private readonly Dictionary<(string Text, int Size), Label> labels = [];
    private long frame;

    public SdlLabelCache(IntPtr renderer, SdlFonts fonts, int capacity)
    {
        this.renderer = renderer;
        this.fonts = fonts;
        this.capacity = capacity;
    }

    /// <summary>How many labels are cached (for tests and diagnostics).</summary>
    public int Count => labels.Count;

    /// <summary>Draws <paramref name="text"/> with its top-left at (x, y) in screen pixels.</summary>
    public void Draw(string text, float x, float y, int size, Colour colour)
    {
        var label = GetOrRender(text, size);
        if (label.Texture == IntPtr.Zero)
        {
            return; // empty text
        }

        _ = Sdl2.SetTextureColorMod(label.Texture, colour.R, colour.G, colour.B);
        _ = Sdl2.SetTextureAlphaMod(label.Texture, colour.A);
        var destination = new SdlFRect(x, y, label.Width, label.Height);
        _ = Sdl2.RenderCopyF(renderer, label.Texture, null, &destination);
    }

    /// <summary>The pixel size of <paramref name="text"/> at <paramref name="size"/> (renders it into the cache).</summary>
    public (int Width, int Height) Measure(string text, int size)
    {
        var label = GetOrRender(text, size);
        return (label.Width, label.Height);
    }

    /// <summary>Ends a frame: frees labels not drawn this frame or the last if the cache is over capacity.</summary>
    public void EndFrame()
    {
        frame++;
        if (labels.Count <= capacity)
        {
            return;
        }

        foreach (var (key, label) in labels.Where(pair => pair.Value.LastUsed < frame - 1).ToList())
        {
            Sdl2.DestroyTexture(label.Texture);
            labels.Remove(key);
        }
    }

    public void Dispose()
    {
        foreach (var label in labels.Values)
        {
            Sdl2.DestroyTexture(label.Texture);
        }

        labels.Clear();
    }

    private Label GetOrRender(string text, int size)
    {
        if (labels.TryGetValue((text, size), out var label))
        {
            label.LastUsed = frame;
            return label;
        }

        label = Render(text, size);
        label.LastUsed = frame;
        labels[(text, size)] = label;
        return label;
    }

    private Label Render(string text, int size)
    {
        if (text.Length == 0)
        {
            return new Label(IntPtr.Zero, 0, Sdl2Ttf.FontHeight(fonts.Get(SdlFonts.FontFace.Latin, size)));
        }

        var font = fonts.Get(fonts.FaceFor(text, size), size);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var utf8 = ArrayPool<byte>.Shared.Rent(byteCount + 1);
        try
        {
            Encoding.UTF8.GetBytes(text, utf8);
            utf8[byteCount] = 0;
            fixed (byte* p = utf8)
            {
                var surface = Sdl2Ttf.RenderUtf8Blended(font, p, new SdlColor(255, 255, 255, 255));
                if (surface == null)
                {
                    throw new InvalidOperationException($"SDL_ttf could not render '{text}': {Sdl2.LastError()}");
                }

                try
                {
                    var texture = Sdl2.CreateTextureFromSurface(renderer, surface);
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
    }
}
