using System.Text;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// Open TTF fonts by face and pixel size, with the Chinese face as fallback for characters the Latin face
/// lacks. Owns the TTF_Font handles; closes them on dispose.
/// </summary>
internal sealed unsafe class SdlFonts : IDisposable
{
    /// <summary>Smallest and largest pixel size text is rendered at (smaller text is skipped).</summary>
    public const int MinSize = 4, MaxSize = 400;

    private readonly string _latinPath;
    private readonly string? _cjkPath;
    private readonly Dictionary<(FontFace Face, int Size), IntPtr> _open = [];

    public SdlFonts(string latinPath, string? cjkPath)
    {
        _latinPath = latinPath;
        _cjkPath = cjkPath;
    }

    /// <summary>Which font file a piece of text is drawn with.</summary>
    public enum FontFace
    {
        Latin,
        Cjk,
    }

    /// <summary>The TTF_Font for a face at a pixel size (opened on first use).</summary>
    /// <exception cref="PlatformUnavailableException">The font file cannot be opened.</exception>
    public IntPtr Get(FontFace face, int size)
    {
        if (face == FontFace.Cjk && _cjkPath is null)
        {
            face = FontFace.Latin;
        }

        if (_open.TryGetValue((face, size), out var font))
        {
            return font;
        }

        var path = face == FontFace.Latin ? _latinPath : _cjkPath!;
        font = Sdl2Ttf.OpenFont(path, size);
        if (font == IntPtr.Zero)
        {
            throw new PlatformUnavailableException($"vmquest: cannot open font {path}: {Sdl2.LastError()}");
        }

        _open[(face, size)] = font;
        return font;
    }

    /// <summary>
    /// The face that can draw all of <paramref name="text"/>: Latin when it has every glyph, otherwise the
    /// Chinese face (which also covers Latin), so a mixed label is rendered with one font.
    /// </summary>
    public FontFace FaceFor(ReadOnlySpan<char> text, int size)
    {
        var latin = Get(FontFace.Latin, size);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Sdl2Ttf.GlyphIsProvided32(latin, (uint)rune.Value) == 0)
            {
                return _cjkPath is null ? FontFace.Latin : FontFace.Cjk;
            }
        }

        return FontFace.Latin;
    }

    /// <summary>The face for one character (Latin preferred).</summary>
    public FontFace FaceFor(Rune rune, int size) =>
        _cjkPath is not null && Sdl2Ttf.GlyphIsProvided32(Get(FontFace.Latin, size), (uint)rune.Value) == 0
            ? FontFace.Cjk
            : FontFace.Latin;

    /// <summary>Clamps and rounds a requested size; returns 0 when the text is too small to draw.</summary>
    public static int PixelSize(float size)
    {
        var rounded = (int)MathF.Round(size);
        return rounded < MinSize ? 0 : Math.Min(rounded, MaxSize);
    }

    public void Dispose()
    {
        foreach (var font in _open.Values)
        {
            Sdl2Ttf.CloseFont(font);
        }

        _open.Clear();
    }
}
