using System.Runtime.InteropServices;

namespace VmQuest.Platform.Sdl;

/// <summary>The SDL2_image functions used for screenshots (and by tests to read them back).</summary>
internal static unsafe partial class Sdl2Image
{
    private const string Lib = SdlNativeLibraries.Image;

    [LibraryImport(Lib, EntryPoint = "IMG_SavePNG", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SavePng(SdlSurface* surface, string file);

    [LibraryImport(Lib, EntryPoint = "IMG_Load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial SdlSurface* Load(string file);
}
