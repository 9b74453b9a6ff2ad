using System.Runtime.CompilerServices;

namespace VmQuest.Tests.Engine.Formats.Lackey;

/// <summary>Locates committed samples next to this source file (no csproj copy rules needed).</summary>
internal static class LackeyTestFiles
{
    public static string Sample(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Samples", name);
}
