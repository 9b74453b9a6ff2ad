using VmQuest.Levels.Loading;
using VmQuest.Levels.Model;

namespace VmQuest.Tests.Game.Levels;

/// <summary>The sample levels under Samples/ (one per mechanic), read from the source tree, and scratch folders for writing levels.</summary>
internal static class LevelSamples
{
    public static IReadOnlyList<string> Mechanics { get; } =
        ["translate", "fault-action", "victim", "permissions", "schedule", "elf-layout", "policy"];

    public static string Directory { get; } = Find();

    public static string PathOf(string mechanic) => Path.Combine(Directory, mechanic, mechanic + ".yaml");

    public static Level Load(string mechanic) => LevelLoader.Load(PathOf(mechanic));

    /// <summary>A fresh empty folder that is deleted when disposed.</summary>
    public static ScratchFolder Scratch() => new();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "VmQuest.Tests", "Game", "Levels", "Samples");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/VmQuest.Tests/Game/Levels/Samples not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder for level files; deleted on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vmquest-levels-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> inside the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        string file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Copies a sample level's folder into this one and returns the level file's path.</summary>
    public string CopySample(string mechanic)
    {
        foreach (string file in Directory.EnumerateFiles(System.IO.Path.Combine(LevelSamples.Directory, mechanic)))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }

        return System.IO.Path.Combine(Path, mechanic + ".yaml");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
