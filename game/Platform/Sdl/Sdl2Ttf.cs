using System.Runtime.InteropServices;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// The SDL2_ttf functions the text renderer calls (SDL2_ttf 2.0.18+ for the 32-bit glyph functions).
/// Errors are read with <see cref="Sdl2.LastError"/>.
/// </summary>
internal static unsafe partial class Sdl2Ttf
{
    private const string Lib = SdlNativeLibraries.Ttf;

    [LibraryImport(Lib, EntryPoint = "TTF_Linked_Version")]
    public static partial SdlVersion* LinkedVersion();

    [LibraryImport(Lib, EntryPoint = "TTF_Init")]
    public static partial int Init();

    [LibraryImport(Lib, EntryPoint = "TTF_Quit")]
    public static partial void Quit();

    [LibraryImport(Lib, EntryPoint = "TTF_OpenFont", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr OpenFont(string file, int pointSize);

    [LibraryImport(Lib, EntryPoint = "TTF_CloseFont")]
    public static partial void CloseFont(IntPtr font);

    [LibraryImport(Lib, EntryPoint = "TTF_FontHeight")]
    public static partial int FontHeight(IntPtr font);

    [LibraryImport(Lib, EntryPoint = "TTF_FontAscent")]
    public static partial int FontAscent(IntPtr font);

    [LibraryImport(Lib, EntryPoint = "TTF_GlyphIsProvided32")]
    public static partial int GlyphIsProvided32(IntPtr font, uint codepoint);

    [LibraryImport(Lib, EntryPoint = "TTF_GlyphMetrics32")]
    public static partial int GlyphMetrics32(
        IntPtr font, uint codepoint, int* minX, int* maxX, int* minY, int* maxY, int* advance);

    [LibraryImport(Lib, EntryPoint = "TTF_SizeUTF8")]
    public static partial int SizeUtf8(IntPtr font, byte* text, int* w, int* h);

    [LibraryImport(Lib, EntryPoint = "TTF_RenderUTF8_Blended")]
    public static partial SdlSurface* RenderUtf8Blended(IntPtr font, byte* text, SdlColor foreground);

    [LibraryImport(Lib, EntryPoint = "TTF_RenderGlyph32_Blended")]
    public static partial SdlSurface* RenderGlyph32Blended(IntPtr font, uint codepoint, SdlColor foreground);
}
