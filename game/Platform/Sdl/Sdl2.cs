using System.Runtime.InteropServices;

namespace VmQuest.Platform.Sdl;

/// <summary>
/// The SDL2 functions the platform layer calls, and nothing else. Raw bindings: pointers stay pointers, and no
/// function returns <c>string</c> (the marshaller would free SDL's own buffer and crash the process).
/// SDL_bool results are 4-byte ints (0 false, 1 true).
/// </summary>
internal static unsafe partial class Sdl2
{
    private const string Lib = SdlNativeLibraries.Sdl2;

    [LibraryImport(Lib, EntryPoint = "SDL_Init")]
    public static partial int Init(uint flags);

    [LibraryImport(Lib, EntryPoint = "SDL_Quit")]
    public static partial void Quit();

    [LibraryImport(Lib, EntryPoint = "SDL_GetVersion")]
    public static partial void GetVersion(SdlVersion* version);

    [LibraryImport(Lib, EntryPoint = "SDL_GetError")]
    public static partial byte* GetError();

    [LibraryImport(Lib, EntryPoint = "SDL_SetHintWithPriority", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetHintWithPriority(string name, string value, int priority);

    /// <summary>SDL_HINT_NORMAL: an environment variable of the same name wins.</summary>
    public const int HintNormal = 1;

    /// <summary>SDL_HINT_OVERRIDE: wins over the environment.</summary>
    public const int HintOverride = 2;

    [LibraryImport(Lib, EntryPoint = "SDL_GetCurrentVideoDriver")]
    public static partial byte* GetCurrentVideoDriver();

    [LibraryImport(Lib, EntryPoint = "SDL_CreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr CreateWindow(string title, int x, int y, int w, int h, uint flags);

    [LibraryImport(Lib, EntryPoint = "SDL_DestroyWindow")]
    public static partial void DestroyWindow(IntPtr window);

    [LibraryImport(Lib, EntryPoint = "SDL_RaiseWindow")]
    public static partial void RaiseWindow(IntPtr window);

    [LibraryImport(Lib, EntryPoint = "SDL_CreateRenderer")]
    public static partial IntPtr CreateRenderer(IntPtr window, int index, uint flags);

    [LibraryImport(Lib, EntryPoint = "SDL_DestroyRenderer")]
    public static partial void DestroyRenderer(IntPtr renderer);

    [LibraryImport(Lib, EntryPoint = "SDL_GetRendererOutputSize")]
    public static partial int GetRendererOutputSize(IntPtr renderer, int* w, int* h);

    [LibraryImport(Lib, EntryPoint = "SDL_SetRenderDrawColor")]
    public static partial int SetRenderDrawColor(IntPtr renderer, byte r, byte g, byte b, byte a);

    [LibraryImport(Lib, EntryPoint = "SDL_SetRenderDrawBlendMode")]
    public static partial int SetRenderDrawBlendMode(IntPtr renderer, int blendMode);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderSetClipRect")]
    public static partial int RenderSetClipRect(IntPtr renderer, SdlRect* rect);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderClear")]
    public static partial int RenderClear(IntPtr renderer);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderFillRectF")]
    public static partial int RenderFillRectF(IntPtr renderer, SdlFRect* rect);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderFillRectsF")]
    public static partial int RenderFillRectsF(IntPtr renderer, SdlFRect* rects, int count);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderDrawLineF")]
    public static partial int RenderDrawLineF(IntPtr renderer, float x1, float y1, float x2, float y2);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderGeometry")]
    public static partial int RenderGeometry(
        IntPtr renderer, IntPtr texture, SdlVertex* vertices, int numVertices, int* indices, int numIndices);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderCopyF")]
    public static partial int RenderCopyF(IntPtr renderer, IntPtr texture, SdlRect* source, SdlFRect* destination);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderPresent")]
    public static partial void RenderPresent(IntPtr renderer);

    [LibraryImport(Lib, EntryPoint = "SDL_RenderReadPixels")]
    public static partial int RenderReadPixels(IntPtr renderer, SdlRect* rect, uint format, void* pixels, int pitch);

    [LibraryImport(Lib, EntryPoint = "SDL_CreateTexture")]
    public static partial IntPtr CreateTexture(IntPtr renderer, uint format, int access, int w, int h);

    [LibraryImport(Lib, EntryPoint = "SDL_CreateTextureFromSurface")]
    public static partial IntPtr CreateTextureFromSurface(IntPtr renderer, SdlSurface* surface);

    [LibraryImport(Lib, EntryPoint = "SDL_UpdateTexture")]
    public static partial int UpdateTexture(IntPtr texture, SdlRect* rect, void* pixels, int pitch);

    [LibraryImport(Lib, EntryPoint = "SDL_DestroyTexture")]
    public static partial void DestroyTexture(IntPtr texture);

    [LibraryImport(Lib, EntryPoint = "SDL_SetTextureBlendMode")]
    public static partial int SetTextureBlendMode(IntPtr texture, int blendMode);

    [LibraryImport(Lib, EntryPoint = "SDL_SetTextureColorMod")]
    public static partial int SetTextureColorMod(IntPtr texture, byte r, byte g, byte b);

    [LibraryImport(Lib, EntryPoint = "SDL_SetTextureAlphaMod")]
    public static partial int SetTextureAlphaMod(IntPtr texture, byte a);

    [LibraryImport(Lib, EntryPoint = "SDL_SetTextureScaleMode")]
    public static partial int SetTextureScaleMode(IntPtr texture, int scaleMode);

    [LibraryImport(Lib, EntryPoint = "SDL_CreateRGBSurfaceWithFormatFrom")]
    public static partial SdlSurface* CreateRgbSurfaceWithFormatFrom(
        void* pixels, int width, int height, int depth, int pitch, uint format);

    [LibraryImport(Lib, EntryPoint = "SDL_FreeSurface")]
    public static partial void FreeSurface(SdlSurface* surface);

    [LibraryImport(Lib, EntryPoint = "SDL_PollEvent")]
    public static partial int PollEvent(SdlEvent* sdlEvent);

    [LibraryImport(Lib, EntryPoint = "SDL_PushEvent")]
    public static partial int PushEvent(SdlEvent* sdlEvent);

    [LibraryImport(Lib, EntryPoint = "SDL_StartTextInput")]
    public static partial void StartTextInput();

    [LibraryImport(Lib, EntryPoint = "SDL_GetMouseState")]
    public static partial uint GetMouseState(int* x, int* y);

    /// <summary>SDL's last error message, copied into managed memory (SDL keeps ownership of its buffer).</summary>
    public static string LastError() => Marshal.PtrToStringUTF8((IntPtr)GetError()) ?? "";

    /// <summary>The name of the video driver SDL is using ("offscreen", "x11", …), or "" before init.</summary>
    public static string CurrentVideoDriver() => Marshal.PtrToStringUTF8((IntPtr)GetCurrentVideoDriver()) ?? "";
}
