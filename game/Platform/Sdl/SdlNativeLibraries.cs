using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

[assembly: DisableRuntimeMarshalling]

namespace VmQuest.Platform.Sdl;

/// <summary>
/// Finds SDL2, SDL2_ttf and SDL2_image by their run-time names (sonames on Linux, because the unversioned
/// <c>libSDL2.so</c> exists only in the -dev packages) and answers whether they are installed.
/// </summary>
/// <remarks>
/// The bindings use the logical names <see cref="Sdl2"/>, <see cref="Ttf"/> and <see cref="Image"/>; a resolver
/// registered by a module initializer maps them to the platform's file names. Nothing is loaded until the
/// first SDL call, so <c>vmquest --help</c> and the text commands never touch a graphics library.
/// </remarks>
internal static class SdlNativeLibraries
{
    /// <summary>Logical library name of SDL2 used by the bindings.</summary>
    public const string Sdl2 = "SDL2";

    /// <summary>Logical library name of SDL2_ttf used by the bindings.</summary>
    public const string Ttf = "SDL2_ttf";

    /// <summary>Logical library name of SDL2_image used by the bindings.</summary>
    public const string Image = "SDL2_image";

    /// <summary>The Debian packages that provide everything the windowed game needs at run time.</summary>
    public const string DebianPackages =
        "libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 fonts-dejavu-core fonts-wqy-microhei";

    /// <summary>The command a user runs to install <see cref="DebianPackages"/>.</summary>
    public const string InstallCommand = "sudo apt-get install " + DebianPackages;

    /// <summary>
    /// Test hook: replaces the file names tried for a logical name (return <c>null</c> to keep the defaults).
    /// Set it before the first SDL call; a library the resolver already loaded stays loaded.
    /// </summary>
    internal static Func<string, IReadOnlyList<string>?>? CandidateOverride { get; set; }

    private static readonly Lock LoadLock = new();
    private static readonly Dictionary<string, IntPtr> Loaded = new(StringComparer.Ordinal);

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "This is the executable; the resolver must be in place before any binding is called.")]
    internal static void RegisterResolver() =>
        NativeLibrary.SetDllImportResolver(typeof(SdlNativeLibraries).Assembly, Resolve);

    /// <summary>The file names tried, in order, for a logical library name on this operating system.</summary>
    public static IReadOnlyList<string> CandidatesFor(string logicalName)
    {
        if (CandidateOverride?.Invoke(logicalName) is { } overridden)
        {
            return overridden;
        }

        if (OperatingSystem.IsWindows())
        {
            return [logicalName + ".dll"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return [$"lib{logicalName}-2.0.0.dylib", $"lib{logicalName}.dylib"];
        }

        // Linux and the BSDs: the soname first; the unversioned name only helps people with -dev packages.
        return [$"lib{logicalName}-2.0.so.0", $"lib{logicalName}.so"];
    }

    /// <summary>
    /// Tries to load all three libraries; on failure <paramref name="missing"/> names the ones not found.
    /// Never throws, so callers can print one clear line instead of a stack trace.
    /// </summary>
    public static bool TryLoadAll([NotNullWhen(false)] out string? missing)
    {
        var absent = new List<string>();
        foreach (var name in (string[])[Sdl2, Ttf, Image])
        {
            if (TryLoad(name) == IntPtr.Zero)
            {
                absent.Add(string.Join(" / ", CandidatesFor(name)));
            }
        }

        missing = absent.Count == 0 ? null : string.Join(", ", absent);
        return missing is null;
    }

    /// <summary>
    /// The oldest SDL2 and SDL2_ttf the bindings work with (SDL_RenderGeometry, TTF_RenderGlyph32_Blended).
    /// Debian 12 ships 2.26 and 2.20.
    /// </summary>
    public static readonly Version MinimumSdl = new(2, 0, 18), MinimumTtf = new(2, 0, 18);

    /// <summary>
    /// Checks the loaded libraries are new enough; otherwise <paramref name="problem"/> is a one-line message.
    /// Call only after <see cref="TryLoadAll"/> succeeded.
    /// </summary>
    public static unsafe bool TryCheckVersions([NotNullWhen(false)] out string? problem)
    {
        SdlVersion sdl;
        global::VmQuest.Platform.Sdl.Sdl2.GetVersion(&sdl); // qualified: the constant Sdl2 above shadows the class
        var ttf = Sdl2Ttf.LinkedVersion()->ToVersion();
        problem = sdl.ToVersion() < MinimumSdl
            ? $"vmquest: SDL2 {sdl.ToVersion()} is too old (need {MinimumSdl} or newer); update it with: {InstallCommand}"
            : ttf < MinimumTtf
                ? $"vmquest: SDL2_ttf {ttf} is too old (need {MinimumTtf} or newer); update it with: {InstallCommand}"
                : null;
        return problem is null;
    }

    /// <summary>The one-line message shown when the libraries are missing.</summary>
    public static string MissingMessage(string missing) =>
        $"vmquest: the graphics libraries are not installed (could not load {missing}); install them with: {InstallCommand}";

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName is not (Sdl2 or Ttf or Image))
        {
            return IntPtr.Zero; // let the runtime resolve anything else the usual way
        }

        var handle = TryLoad(libraryName);
        if (handle == IntPtr.Zero)
        {
            throw new DllNotFoundException(MissingMessage(string.Join(" / ", CandidatesFor(libraryName))));
        }

        return handle;
    }

    private static IntPtr TryLoad(string logicalName)
    {
        lock (LoadLock)
        {
            var candidates = CandidatesFor(logicalName);
            var key = logicalName + "|" + string.Join("|", candidates);
            if (Loaded.TryGetValue(key, out var cached))
            {
                return cached;
            }

            foreach (var candidate in candidates)
            {
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    Loaded[key] = handle;
                    return handle;
                }
            }

            return IntPtr.Zero;
        }
    }
}
