using System.Runtime.CompilerServices;

namespace VmQuest.Tests.Engine.Formats.Lackey;

/// <summary>Locates committed samples next to this source file (no csproj copy rules needed).</summary>
internal static class LackeyTestFiles
{
    public static string Sample(string name) => Path.Combine(Path.GetDirectoryName(ThisFile())!, "Samples", name);

    // The compiler fills in this file's own path; callers elsewhere must not supply theirs.
    private static string ThisFile([CallerFilePath] string path = "") => path;
}
