using System.Runtime.InteropServices;

namespace VmQuest.Platform.Sdl;

// Plain mirrors of the SDL2 C structs we pass across the boundary. All are blittable, so with
// DisableRuntimeMarshalling they go by value or by pointer with no copying or conversion.

/// <summary>SDL_Rect: integer rectangle.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdlRect
{
    public int X, Y, W, H;

    public SdlRect(int x, int y, int w, int h) => (X, Y, W, H) = (x, y, w, h);
}

/// <summary>SDL_FRect: float rectangle (SDL 2.0.10+).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdlFRect
{
    public float X, Y, W, H;

    public SdlFRect(float x, float y, float w, float h) => (X, Y, W, H) = (x, y, w, h);
}

/// <summary>SDL_Color: 8-bit RGBA, passed by value to SDL_ttf.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdlColor
{
    public byte R, G, B, A;

    public SdlColor(byte r, byte g, byte b, byte a) => (R, G, B, A) = (r, g, b, a);
}

/// <summary>SDL_version: major, minor, patch.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdlVersion
{
    public byte Major, Minor, Patch;

    public readonly Version ToVersion() => new(Major, Minor, Patch);
}

/// <summary>SDL_Vertex for SDL_RenderGeometry: position, colour, texture coordinate (20 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdlVertex
{
    public float X, Y;
    public SdlColor Color;
    public float U, V;
}

/// <summary>
/// The leading fields of SDL_Surface (the rest is never read). Sequential layout gives the C padding on both
/// 32- and 64-bit targets; we only ever hold pointers to surfaces SDL allocated.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdlSurface
{
    public uint Flags;
    public IntPtr Format;
    public int W;
    public int H;
    public int Pitch;
    public IntPtr Pixels;
}

/// <summary>
/// SDL_Event: a 56-byte union. Only the fields the input sampler reads are named; offsets are those of the
/// SDL 2.26 headers (common header: type @0, timestamp @4, windowID @8).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 56)]
internal unsafe struct SdlEvent
{
    /// <summary>Event type (SDL_EventType).</summary>
    [FieldOffset(0)] public uint Type;

    [FieldOffset(4)] public uint Timestamp;

    [FieldOffset(8)] public uint WindowId;

    /// <summary>SDL_WindowEvent.event (a SDL_WindowEventID).</summary>
    [FieldOffset(12)] public byte WindowEventId;

    /// <summary>SDL_WindowEvent.data1 / data2 (new size on resize).</summary>
    [FieldOffset(16)] public int WindowData1;

    [FieldOffset(20)] public int WindowData2;

    /// <summary>SDL_KeyboardEvent.repeat (non-zero for auto-repeat).</summary>
    [FieldOffset(13)] public byte KeyRepeat;

    /// <summary>SDL_KeyboardEvent.keysym.scancode.</summary>
    [FieldOffset(16)] public int KeyScancode;

    /// <summary>SDL_KeyboardEvent.keysym.sym.</summary>
    [FieldOffset(20)] public int KeySym;

    /// <summary>SDL_MouseMotionEvent.x / y.</summary>
    [FieldOffset(20)] public int MotionX;

    [FieldOffset(24)] public int MotionY;

    /// <summary>SDL_MouseButtonEvent.button (1 left, 2 middle, 3 right).</summary>
    [FieldOffset(16)] public byte MouseButton;

    /// <summary>SDL_MouseButtonEvent.x / y.</summary>
    [FieldOffset(20)] public int ButtonX;

    [FieldOffset(24)] public int ButtonY;

    /// <summary>SDL_MouseWheelEvent.x / y (whole notches).</summary>
    [FieldOffset(16)] public int WheelX;

    [FieldOffset(20)] public int WheelY;

    /// <summary>SDL_MouseWheelEvent.direction (1 = flipped).</summary>
    [FieldOffset(24)] public uint WheelDirection;

    /// <summary>SDL_MouseWheelEvent.preciseX / preciseY (fractional scrolling, SDL 2.0.18+).</summary>
    [FieldOffset(28)] public float WheelPreciseX;

    [FieldOffset(32)] public float WheelPreciseY;

    /// <summary>SDL_TextInputEvent.text: NUL-terminated UTF-8, at most 32 bytes.</summary>
    [FieldOffset(12)] public fixed byte Text[32];
}

/// <summary>The SDL2 constants the platform layer uses (values from the SDL 2.26 headers).</summary>
internal static class SdlConstants
{
    public const uint InitVideo = 0x00000020;
    public const uint InitEvents = 0x00004000;

    public const uint WindowShown = 0x00000004;
    public const uint WindowHidden = 0x00000008;
    public const uint WindowResizable = 0x00000020;

    public const uint RendererSoftware = 0x00000001;
    public const uint RendererAccelerated = 0x00000002;
    public const uint RendererPresentVsync = 0x00000004;

    public const int WindowPosCentered = 0x2FFF0000;

    /// <summary>SDL_PIXELFORMAT_ARGB8888: one uint per pixel, 0xAARRGGBB.</summary>
    public const uint PixelFormatArgb8888 = 0x16362004;

    public const int TextureAccessStatic = 0;
    public const int TextureAccessStreaming = 1;

    public const int BlendModeNone = 0;
    public const int BlendModeBlend = 1;

    public const int ScaleModeNearest = 0;
    public const int ScaleModeLinear = 1;

    public const uint EventQuit = 0x100;
    public const uint EventWindow = 0x200;
    public const uint EventKeyDown = 0x300;
    public const uint EventKeyUp = 0x301;
    public const uint EventTextInput = 0x303;
    public const uint EventMouseMotion = 0x400;
    public const uint EventMouseButtonDown = 0x401;
    public const uint EventMouseButtonUp = 0x402;
    public const uint EventMouseWheel = 0x403;

    public const byte WindowEventSizeChanged = 6;
    public const byte WindowEventClose = 14;

    public const uint MouseWheelFlipped = 1;
}
