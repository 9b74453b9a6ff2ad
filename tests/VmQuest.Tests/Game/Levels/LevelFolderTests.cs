namespace VmQuest.Tests.Game.Levels;

/// <summary>The folder rule: a level names files only inside its own folder, after links and '..' are resolved.</summary>
public class LevelFolderTests
{
    private static string WithTraceFile(string path) =>
        LevelText.With("    generator: { kind: uniform, length: 20, pages: 6, seed: 1 }", "    file: " + path);

    [Fact]
    public void Load_AbsolutePath_IsRefused()
    {
        Assert.Equal("level.yaml:9:11: traces[0].file: expected a path inside the level's folder, found the absolute path \"/etc/hostname\"; a level may name only its own files",
            LevelText.Error(WithTraceFile("/etc/hostname")));
    }

    [Fact]
    public void Load_HostBinaryAsElf_IsRefused()
    {
        string text = LevelText.With("traces:\n", "processes:\n  - name: ls\n    elf: /bin/ls\ntraces:\n");

        Assert.Equal("level.yaml:9:10: processes[0].elf: expected a path inside the level's folder, found the absolute path \"/bin/ls\"; a level may name only its own files",
            LevelText.Error(text));
    }

    [Fact]
    public void Load_DotDotOutOfTheFolder_IsRefused()
    {
        string message = LevelText.Error(WithTraceFile("../t.refs"));

        Assert.StartsWith("level.yaml:9:11: traces[0].file: \"../t.refs\" resolves to \"", message, StringComparison.Ordinal);
        Assert.EndsWith("/t.refs\", outside the level's folder; a level may name only files inside its own folder", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DotDotThatStaysInside_IsAccepted()
    {
        using var folder = LevelSamples.Scratch();
        folder.Write("t.refs", "1\n2\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub"));

        var level = VmQuest.Levels.Loading.LevelLoader.Load(folder.Write("level.yaml", WithTraceFile("sub/../t.refs")));

        Assert.Equal("t.refs", Assert.Single(level.Files).RelativePath);
    }

    [Fact]
    public void Load_SymlinkPointingOut_IsRefused()
    {
        string message = LevelText.Error(WithTraceFile("t.refs"), folder => File.CreateSymbolicLink(Path.Combine(folder.Path, "t.refs"), "/etc/hostname"));

        Assert.Equal("level.yaml:9:11: traces[0].file: \"t.refs\" resolves to \"/etc/hostname\", outside the level's folder; a level may name only files inside its own folder", message);
    }

    [Fact]
    public void Load_SymlinkedFolderPointingOut_IsRefused()
    {
        using var outside = LevelSamples.Scratch();
        outside.Write("t.refs", "1\n");

        string message = LevelText.Error(WithTraceFile("data/t.refs"), folder => Directory.CreateSymbolicLink(Path.Combine(folder.Path, "data"), outside.Path));

        Assert.Contains("outside the level's folder", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SymlinkInsideTheFolder_IsAcceptedAndHashedByItsTarget()
    {
        using var folder = LevelSamples.Scratch();
        folder.Write("real.refs", "1\n2\n");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "t.refs"), "real.refs");

        var level = VmQuest.Levels.Loading.LevelLoader.Load(folder.Write("level.yaml", WithTraceFile("t.refs")));

        Assert.Equal("real.refs", Assert.Single(level.Files).RelativePath);
    }

    [Fact]
    public void Load_SymlinkLoop_IsRefusedInOneLine()
    {
        string message = LevelText.Error(WithTraceFile("a"), folder =>
        {
            File.CreateSymbolicLink(Path.Combine(folder.Path, "a"), "b");
            File.CreateSymbolicLink(Path.Combine(folder.Path, "b"), "a");
        });

        Assert.Equal("level.yaml:9:11: traces[0].file: \"a\": too many levels of symbolic links", message);
    }

    [Fact]
    public void Load_DeviceThroughSymlink_IsRefused()
    {
        string message = LevelText.Error(WithTraceFile("zero"), folder => File.CreateSymbolicLink(Path.Combine(folder.Path, "zero"), "/dev/zero"));

        Assert.Equal("level.yaml:9:11: traces[0].file: \"zero\" resolves to \"/dev/zero\", outside the level's folder; a level may name only files inside its own folder", message);
    }

    [Fact]
    public void Load_NamedPipeInsideTheFolder_IsRefusedWithoutBlocking()
    {
        string message = LevelText.Error(WithTraceFile("pipe"), folder => Mkfifo(Path.Combine(folder.Path, "pipe")));

        Assert.Equal("level.yaml:9:11: traces[0].file: \"pipe\": is a named pipe (FIFO), expected a regular file", message);
    }

    [Fact]
    public void Load_DirectoryInsideTheFolder_IsRefused()
    {
        string message = LevelText.Error(WithTraceFile("sub"), folder => Directory.CreateDirectory(Path.Combine(folder.Path, "sub")));

        Assert.Equal("level.yaml:9:11: traces[0].file: \"sub\": is a directory, expected a regular file", message);
    }

    [Fact]
    public void Load_TheFolderItself_IsRefused()
    {
        Assert.Contains("outside the level's folder", LevelText.Error(WithTraceFile(".")), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BackslashPath_IsRefused()
    {
        Assert.Equal("level.yaml:9:11: traces[0].file: expected a path inside the level's folder with '/' separators, found \"..\\t.refs\"",
            LevelText.Error(WithTraceFile("'..\\t.refs'")));
    }

    [Fact]
    public void Load_FolderReachedThroughSymlink_ConfinesToTheRealFolder()
    {
        using var real = LevelSamples.Scratch();
        using var links = LevelSamples.Scratch();
        real.Write("t.refs", "3\n");
        string level = real.Write("level.yaml", WithTraceFile("t.refs"));
        string linked = Path.Combine(links.Path, "level");
        Directory.CreateSymbolicLink(linked, real.Path);

        var loaded = VmQuest.Levels.Loading.LevelLoader.Load(Path.Combine(linked, "level.yaml"));

        Assert.Equal(VmQuest.Levels.Loading.LevelLoader.Load(level).Hash, loaded.Hash);
    }

    private static void Mkfifo(string path)
    {
        using var process = System.Diagnostics.Process.Start("mkfifo", [path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
