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

    private readonly IntPtr renderer;
    private readonly SdlFonts fonts;
    private readonly int size;
    private readonly Colour colour;
    private readonly int atlasSize;
    private readonly int latinAscent;
    private readonly Dictionary<int, Glyph> glyphs = [];
    private IntPtr texture;
    private int cursorX, cursorY, shelfHeight;
    private byte alpha = 255;

    public SdlGlyphAtlas(IntPtr renderer, SdlFonts fonts, int size, Colour colour)
    {
        this.renderer = renderer;
        this.fonts = fonts;
        this.size = size;
        this.colour = colour with { A = 255 };
        atlasSize = size <= 24 ? 512 : 1024; // room for several hundred glyphs either way
        latinAscent = Sdl2Ttf.FontAscent(fonts.Get(SdlFonts.FontFace.Latin, size));
        texture = Sdl2.CreateTexture(
            renderer, SdlConstants.PixelFormatArgb8888, SdlConstants.TextureAccessStatic, atlasSize, atlasSize);
        if (texture == IntPtr.Zero)
        {
            throw new InvalidOperationException($"SDL could not create the glyph atlas: {Sdl2.LastError()}");
        }

        _ = Sdl2.SetTextureBlendMode(texture, SdlConstants.BlendModeBlend);
    }

    /// <summary>The frame this atlas was last drawn from (the backend frees atlases unused for long).</summary>
    public long LastUsed { get; set; }

    /// <summary>Draws <paramref name="text"/> with its top-left at (x, y) in screen pixels.</summary>
    public void Draw(ReadOnlySpan<char> text, float x, float y, byte alpha)
    {
        if (alpha != this.alpha)
        {
            _ = Sdl2.SetTextureAlphaMod(texture, alpha);
            this.alpha = alpha;
        }

        var penX = x;
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = GetOrAdd(rune);
            if (glyph.Source.W > 0)
            {
                var source = glyph.Source;
                var destination = new SdlFRect(penX, y + glyph.OffsetY, source.W, source.H);
                _ = Sdl2.RenderCopyF(renderer, texture, &source, &destination);
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

        return (width, Sdl2Ttf.FontHeight(fonts.Get(SdlFonts.FontFace.Latin, size)));
    }

    public void Dispose()
    {
        if (texture != IntPtr.Zero)
        {
            Sdl2.DestroyTexture(texture);
            texture = IntPtr.Zero;
        }
    }

    private Glyph GetOrAdd(Rune rune)
    {
        if (glyphs.TryGetValue(rune.Value, out var glyph))
        {
            return glyph;
        }

        glyph = Rasterise(rune);
        glyphs[rune.Value] = glyph;
        return glyph;
    }

    private Glyph Rasterise(Rune rune)
    {
        var face = fonts.FaceFor(rune, size);
        var font = fonts.Get(face, size);
        int minX, maxX, minY, maxY, advance;
        _ = Sdl2Ttf.GlyphMetrics32(font, (uint)rune.Value, &minX, &maxX, &minY, &maxY, &advance);
        if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
        {
            return new Glyph(default, advance, 0);
        }

        var surface = Sdl2Ttf.RenderGlyph32Blended(font, (uint)rune.Value, new SdlColor(colour.R, colour.G, colour.B, 255));
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

            var w = Math.Min(surface->W, atlasSize);
            var h = Math.Min(surface->H, atlasSize);
            if (cursorX + w > atlasSize)
            {
                cursorX = 0;
                cursorY += shelfHeight + 1;
                shelfHeight = 0;
            }

            if (cursorY + h > atlasSize)
            {
                // Full: start over. Glyphs already queued this frame were flushed by SDL before the overwrite.
                glyphs.Clear();
                cursorX = cursorY = shelfHeight = 0;
            }

            var slot = new SdlRect(cursorX, cursorY, w, h);
            _ = Sdl2.UpdateTexture(texture, &slot, (void*)surface->Pixels, surface->Pitch);
            cursorX += w + 1;
            shelfHeight = Math.Max(shelfHeight, h);

            // Align the fallback face's baseline with the Latin one so mixed text sits on one line.
            var offsetY = latinAscent - Sdl2Ttf.FontAscent(font);
            return new Glyph(slot, advance, offsetY);
        }
        finally
        {
            Sdl2.FreeSurface(surface);
        }
    }

    private readonly record struct Glyph(SdlRect Source, int Advance, int OffsetY);
}
