using System.Net.Sockets;
using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Tests.Engine.Formats.Input;

public sealed class InputFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string MessageOf(Action read) => Assert.Throws<FormatParseException>(read).Message;

    [Fact]
    public void OpenRead_Directory_RefusedAsDirectory()
    {
        Assert.Equal(_dir.Path + ": is a directory, expected a regular file", MessageOf(() => InputFile.OpenRead(_dir.Path).Dispose()));
    }

    [Fact]
    public async Task OpenRead_Fifo_RefusedWithoutBlocking()
    {
        var fifo = _dir.Fifo("f");

        // Opening a FIFO for reading blocks until a writer comes; the check must come first. The generous timeout
        // only keeps a regression from hanging the run.
        var message = await Task.Run(() => MessageOf(() => InputFile.OpenRead(fifo).Dispose())).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(fifo + ": is a named pipe (FIFO), expected a regular file", message);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public void ReadAllBytes_CharacterDevice_Refused(string device)
    {
        Assert.Equal(device + ": is a character device, expected a regular file", MessageOf(() => InputFile.ReadAllBytes(device, 1024, "a test file")));
    }

    [Fact]
    public void OpenRead_UnixSocket_RefusedAsSocket()
    {
        var path = _dir.File("s");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        Assert.Equal(path + ": is a socket, expected a regular file", MessageOf(() => InputFile.OpenRead(path).Dispose()));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("missing/inside")]
    public void OpenRead_Missing_NoSuchFile(string name)
    {
        var path = _dir.File(name);
        Assert.StartsWith(path + ": no such file", MessageOf(() => InputFile.OpenRead(path).Dispose()), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_PathThroughRegularFile_NotADirectoryPart()
    {
        var file = _dir.Write("plain", "x");
        Assert.Equal(file + "/x: no such file (a part of the path is not a directory)", MessageOf(() => InputFile.OpenRead(file + "/x").Dispose()));
    }

    [Fact]
    public void OpenRead_SymlinkToDirectory_FollowedAndRefused()
    {
        var link = _dir.File("link");
        File.CreateSymbolicLink(link, _dir.Path);
        Assert.Equal(link + ": is a directory, expected a regular file", MessageOf(() => InputFile.OpenRead(link).Dispose()));
    }

    [Theory]
    [InlineData(0x8000 | 0x1a4, InputFileKind.Regular)]
    [InlineData(0x4000 | 0x1ed, InputFileKind.Directory)]
    [InlineData(0x1000, InputFileKind.NamedPipe)]
    [InlineData(0x2000, InputFileKind.CharacterDevice)]
    [InlineData(0x6000, InputFileKind.BlockDevice)]
    [InlineData(0xC000, InputFileKind.Socket)]
    [InlineData(0xA000, InputFileKind.Unknown)]
    public void KindOfMode_FileTypeBits_Named(int mode, InputFileKind kind)
    {
        Assert.Equal(kind, FileStatus.KindOfMode((uint)mode));
    }

    [Fact]
    public void Probe_Kinds_MatchTheFileSystem()
    {
        Assert.Equal(InputFileKind.Regular, InputFile.Probe(_dir.Write("r", "x")));
        Assert.Equal(InputFileKind.Directory, InputFile.Probe(_dir.Path));
        Assert.Equal(InputFileKind.CharacterDevice, InputFile.Probe("/dev/zero"));
        Assert.Equal(InputFileKind.NamedPipe, InputFile.Probe(_dir.Fifo("p")));
        Assert.Equal(InputFileKind.Missing, InputFile.Probe(_dir.File("none")));
        Assert.Equal(InputFileKind.Missing, InputFile.Probe(""));
    }

    [Fact]
    public void ReadAllBytes_AtTheLimit_Read()
    {
        var path = _dir.Write("ten", "0123456789");
        Assert.Equal("0123456789"u8.ToArray(), InputFile.ReadAllBytes(path, 10, "a test file"));
    }

    [Fact]
    public void ReadAllBytes_OneByteOverTheLimit_Refused()
    {
        var path = _dir.Write("eleven", "0123456789a");
        Assert.Equal(path + ": larger than the 10 bytes limit for a test file", MessageOf(() => InputFile.ReadAllBytes(path, 10, "a test file")));
    }

    [Fact]
    public void ReadAllBytes_SparseFileFarOverTheLimit_RefusedAfterReadingAboutTheLimit()
    {
        var path = _dir.Sparse("big", 200L * 1024 * 1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var message = MessageOf(() => InputFile.ReadAllBytes(path, InputLimits.MiB, "a workload script"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(path + ": larger than the 1 MiB limit for a workload script", message);
        Assert.True(allocated < 4L * InputLimits.MiB, $"allocated {allocated} bytes to refuse a 200 MB file at a 1 MiB limit");
    }

    [Fact]
    public void ReadAllText_ProcFileReportingSizeZero_ReadToItsEnd()
    {
        // /proc files report a length of 0; the reader must not trust it.
        var text = InputFile.ReadAllText("/proc/self/maps", InputLimits.MapsFileBytes, "a maps file");
        Assert.Contains("[stack]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllText_ByteOrderMark_Dropped()
    {
        var path = _dir.File("bom");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']);
        Assert.Equal("hi", InputFile.ReadAllText(path, 100, "a test file"));
    }

    [Fact]
    public void ReadAllText_InvalidUtf8_ReplacedNotThrown()
    {
        var path = _dir.File("bad");
        File.WriteAllBytes(path, [(byte)'a', 0xFF, (byte)'b']);
        Assert.Equal("a\uFFFDb", InputFile.ReadAllText(path, 100, "a test file"));
    }

    [Fact]
    public void ReadAllBytes_FileLargerThanFirstBuffer_ReadWhole()
    {
        var text = new string('x', 100_000);
        var path = _dir.Write("long", text);
        Assert.Equal(Encoding.ASCII.GetBytes(text), InputFile.ReadAllBytes(path, 100_000, "a test file"));
    }
}
