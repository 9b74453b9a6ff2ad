using System.Text;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// All glyphs of one pixel size and opaque colour packed into one texture, for text that changes every frame: drawing
/// a counter is one texture copy per character and never creates textures. The colour is baked in (no colour
/// modulation) because the software renderer's modulated blit is several times slower than its plain one;
/// alpha is applied per draw. Glyphs are added on first use with
/// shelf packing; a full atlas starts over (SDL flushes queued copies before the texture is overwritten).
/// </summary>
internal sealed unsafe class SdlGlyphAtlas : IDisposable
{

    private readonly IntPtr _renderer;
    private readonly SdlFonts _fonts;
    private readonly int _size;
    private readonly Colour _colour;
    private readonly int _atlasSize;
    private readonly int _latinAscent;
    private readonly Dictionary<int, Glyph> _glyphs = [];
    private IntPtr _texture;
    private int _cursorX, _cursorY, _shelfHeight;
    private byte _alpha = 255;

    public SdlGlyphAtlas(IntPtr renderer, SdlFonts fonts, int size, Colour colour)
    {
        _renderer = renderer;
        _fonts = fonts;
        _size = size;
        _colour = colour with { A = 255 };
        _atlasSize = _size <= 24 ? 512 : 1024; // room for several hundred glyphs either way
        _latinAscent = Sdl2Ttf.FontAscent(_fonts.Get(SdlFonts.FontFace.Latin, _size));
        _texture = Sdl2.CreateTexture(
            _renderer, SdlConstants.PixelFormatArgb8888, SdlConstants.TextureAccessStatic, _atlasSize, _atlasSize);
        if (_texture == IntPtr.Zero)
        {
            throw new InvalidOperationException($"SDL could not create the glyph atlas: {Sdl2.LastError()}");
        }

        _ = Sdl2.SetTextureBlendMode(_texture, SdlConstants.BlendModeBlend);
    }

    /// <summary>The frame this atlas was last drawn from (the backend frees atlases unused for long).</summary>
    public long LastUsed { get; set; }

    /// <summary>Draws <paramref name="text"/> with its top-left at (x, y) in screen pixels.</summary>
    public void Draw(ReadOnlySpan<char> text, float x, float y, byte alpha)
    {
        if (alpha != _alpha)
        {
            _ = Sdl2.SetTextureAlphaMod(_texture, alpha);
            _alpha = alpha;
        }

        var penX = x;
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = GetOrAdd(rune);
            if (glyph.Source.W > 0)
            {
                var source = glyph.Source;
                var destination = new SdlFRect(penX, y + glyph.OffsetY, source.W, source.H);
                _ = Sdl2.RenderCopyF(_renderer, _texture, &source, &destination);
            }

            penX += glyph.Advance;
        }
    }

    /// <summary>The width <see cref="Draw"/> covers and the line height.</summary>
    public (float Width, float Height) Measure(ReadOnlySpan<char> text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += GetOrAdd(rune).Advance;
        }

        return (width, Sdl2Ttf.FontHeight(_fonts.Get(SdlFonts.FontFace.Latin, _size)));
    }

    public void Dispose()
    {
        if (_texture != IntPtr.Zero)
        {
            Sdl2.DestroyTexture(_texture);
            _texture = IntPtr.Zero;
        }
    }

    private Glyph GetOrAdd(Rune rune)
    {
        if (_glyphs.TryGetValue(rune.Value, out var glyph))
        {
            return glyph;
        }

        glyph = Rasterise(rune);
        _glyphs[rune.Value] = glyph;
        return glyph;
    }

    private Glyph Rasterise(Rune rune)
    {
        var face = _fonts.FaceFor(rune, _size);
        var font = _fonts.Get(face, _size);
        int minX, maxX, minY, maxY, advance;
        _ = Sdl2Ttf.GlyphMetrics32(font, (uint)rune.Value, &minX, &maxX, &minY, &maxY, &advance);
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
        {
            return new Glyph(default, advance, 0);
        }

        var surface = Sdl2Ttf.RenderGlyph32Blended(font, (uint)rune.Value, new SdlColor(_colour.R, _colour.G, _colour.B, 255));
        if (surface == null)
        {
            return new Glyph(default, advance, 0);
        }

        try
        {
            if (*(uint*)surface->Format != SdlConstants.PixelFormatArgb8888)
            {
                throw new InvalidOperationException("SDL_ttf returned a glyph that is not ARGB8888.");
            }

            var w = Math.Min(surface->W, _atlasSize);
            var h = Math.Min(surface->H, _atlasSize);
            if (_cursorX + w > _atlasSize)
            {
                _cursorX = 0;
                _cursorY += _shelfHeight + 1;
                _shelfHeight = 0;
            }

            if (_cursorY + h > _atlasSize)
            {
                // Full: start over. Glyphs already queued this frame were flushed by SDL before the overwrite.
                _glyphs.Clear();
                _cursorX = _cursorY = _shelfHeight = 0;
            }

            var slot = new SdlRect(_cursorX, _cursorY, w, h);
            _ = Sdl2.UpdateTexture(_texture, &slot, (void*)surface->Pixels, surface->Pitch);
            _cursorX += w + 1;
            _shelfHeight = Math.Max(_shelfHeight, h);

            // Align the fallback face's baseline with the Latin one so mixed text sits on one line.
            var offsetY = _latinAscent - Sdl2Ttf.FontAscent(font);
            return new Glyph(slot, advance, offsetY);
        }
        finally
        {
            Sdl2.FreeSurface(surface);
        }
    }

    private readonly record struct Glyph(SdlRect Source, int Advance, int OffsetY);
}
