using System.Numerics;

namespace VmQuest.Platform.Sdl;

/// <summary>Text drawing: cached labels for static text, glyph atlases for changing text.</summary>
public sealed partial class SdlRenderBackend
{
    // An atlas not drawn from for this many frames is freed (sizes come and go while zooming).
    private const int AtlasIdleFrames = 600;

    /// <inheritdoc/>
    public void DrawText(string text, Vector2 position, float size, Colour colour)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pixelSize = SdlFonts.PixelSize(size * Camera.Zoom);
        if (pixelSize == 0 || text.Length == 0)
        {
            return;
        }

        var p = Vector2.Round(Camera.WorldToScreen(position)); // whole pixels keep glyphs crisp while panning
        _labels.Draw(text, p.X, p.Y, pixelSize, colour);
    }

    /// <inheritdoc/>
    public void DrawDynamicText(ReadOnlySpan<char> text, Vector2 position, float size, Colour colour)
    {
        var pixelSize = SdlFonts.PixelSize(size * Camera.Zoom);
        if (pixelSize == 0 || text.IsEmpty)
        {
            return;
        }

        var p = Vector2.Round(Camera.WorldToScreen(position)); // whole pixels keep glyphs crisp while panning
        Atlas(pixelSize, colour with { A = 255 }).Draw(text, p.X, p.Y, colour.A);
    }

    /// <inheritdoc/>
    public Vector2 MeasureText(string text, float size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pixelSize = SdlFonts.PixelSize(size * Camera.Zoom);
        if (pixelSize == 0)
        {
            return Vector2.Zero;
        }

        var (w, h) = _labels.Measure(text, pixelSize);
        return new Vector2(w, h) / Camera.Zoom;
    }

    /// <summary>The size <see cref="DrawDynamicText"/> covers, in the units of the current coordinates.</summary>
    public Vector2 MeasureDynamicText(ReadOnlySpan<char> text, float size)
    {
        var pixelSize = SdlFonts.PixelSize(size * Camera.Zoom);
        if (pixelSize == 0)
        {
            return Vector2.Zero;
        }

        var (w, h) = Atlas(pixelSize, Palette.Text).Measure(text);
        return new Vector2(w, h) / Camera.Zoom;
    }

    private SdlGlyphAtlas Atlas(int pixelSize, Colour colour)
    {
        if (!_atlases.TryGetValue((pixelSize, colour), out var atlas))
        {
            atlas = new SdlGlyphAtlas(_renderer, _fonts, pixelSize, colour);
            _atlases[(pixelSize, colour)] = atlas;
        }

        atlas.LastUsed = _frame;
        return atlas;
    }

    private void FreeIdleAtlases()
    {
        if (_frame % 60 != 0)
        {
            return;
        }

        foreach (var (key, atlas) in _atlases.Where(pair => _frame - pair.Value.LastUsed > AtlasIdleFrames).ToList())
        {
            atlas.Dispose();
            _atlases.Remove(key);
        }
    }
}
