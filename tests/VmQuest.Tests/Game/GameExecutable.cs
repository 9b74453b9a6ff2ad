namespace VmQuest.Tests.Game;

/// <summary>The built <c>vmquest.dll</c> beside this test's build (same configuration and framework), for tests that run the real executable.</summary>
internal static class GameExecutable
{
    private static readonly Lazy<string> Found = new(Find);

    /// <summary>The path of <c>game/bin/CONFIGURATION/FRAMEWORK/vmquest.dll</c>; the test fails when it is not built.</summary>
    public static string Path => Found.Value;

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = dir.Name;
        var configuration = dir.Parent!.Name;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "VmQuest.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var path = System.IO.Path.Combine(dir.FullName, "game", "bin", configuration, framework, "vmquest.dll");
        Assert.True(File.Exists(path), $"build the game first: {path}");
        return path;
    }
}
