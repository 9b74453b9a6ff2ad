using System.Diagnostics;
using VmQuest.Engine.Formats.Output;

namespace VmQuest.Tests.Engine.Formats.Output;

/// <summary>
/// The one writer for user-named files: all or nothing, regular files only (issue 8: as root,
/// <c>--screenshot /dev/full</c> replaced the device node; <c>--screenshot somedir</c> left a temporary file).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteAllText_NewFile_HasTheContent()
    {
        var path = Path.Combine(_dir, "new.txt");

        AtomicFile.WriteAllText(path, "hello");

        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal(["new.txt"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_ExistingFile_IsReplacedAndKeepsItsMode()
    {
        var path = Path.Combine(_dir, "old.txt");
        File.WriteAllText(path, "old content, longer than the new");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_Issue8_WriterFailsMidway_OldContentIntactAndNoTemporaryLeft()
    {
        var path = Path.Combine(_dir, "keep.txt");
        File.WriteAllText(path, "precious");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new con"u8);
            throw new InvalidOperationException("crash mid-write");
        }));

        Assert.Equal("precious", File.ReadAllText(path));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("/dev/full", "is a character device")]
    [InlineData("/dev/null", "is a character device")]
    public void CheckWritable_Issue8_Device_IsRefusedAndLeftAlone(string device, string reason)
    {
        var before = File.GetLastWriteTimeUtc(device);

        var e = Assert.Throws<OutputFileException>(() => AtomicFile.WriteAllText(device, "x"));

        Assert.Equal($"{device}: {reason}; VmQuest only writes regular files", e.Message);
        Assert.Equal(before, File.GetLastWriteTimeUtc(device));
    }

    [Fact]
    public void WriteAllText_Issue8_Directory_IsRefusedWithNoTemporaryBeside()
    {
        var target = Directory.CreateDirectory(Path.Combine(_dir, "somedir")).FullName;

        var e = Assert.Throws<OutputFileException>(() => AtomicFile.WriteAllText(target, "x"));

        Assert.EndsWith("somedir: is a directory; VmQuest only writes regular files", e.Message, StringComparison.Ordinal);
        Assert.Equal(["somedir"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void WriteAllText_Issue8_NamedPipe_IsRefusedWithoutBlocking()
    {
        var fifo = Path.Combine(_dir, "pipe");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var e = Assert.Throws<OutputFileException>(() => AtomicFile.WriteAllText(fifo, "x"));

        Assert.Contains("is a named pipe (FIFO)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAllText_SymbolicLink_ReplacesTheTargetAndKeepsTheLink()
    {
        var target = Path.Combine(_dir, "real.txt");
        var link = Path.Combine(_dir, "link.txt");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);

        AtomicFile.WriteAllText(link, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void WriteAllText_MissingFolder_IsMade()
    {
        var path = Path.Combine(_dir, "a", "b", "c.txt");

        AtomicFile.WriteAllText(path, "deep");

        Assert.Equal("deep", File.ReadAllText(path));
    }

    [Fact]
    public void WriteAllText_PathThroughAFile_IsOneLineError()
    {
        var file = Path.Combine(_dir, "plain");
        File.WriteAllText(file, "");

        var e = Assert.Throws<OutputFileException>(() => AtomicFile.WriteAllText(Path.Combine(file, "x.png"), "x"));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("not a directory", e.Message, StringComparison.Ordinal);
    }
}
