using System.Text;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Tests.Engine.Formats.Input;

public sealed class BoundedLineReaderTests
{
    private static List<string> Lines(string text, LineLimits limits) => Lines(new MemoryStream(Encoding.UTF8.GetBytes(text)), limits);

    private static List<string> Lines(Stream stream, LineLimits limits)
    {
        using var reader = new BoundedLineReader(stream, "f", limits);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static LineLimits Max(int bytes) => new("a test file", bytes);

    [Fact]
    public void ReadLine_MixedLineEnds_SplitsLikeTheText()
    {
        Assert.Equal(["a", "", "b", "c"], Lines("a\n\r\nb\r\nc", Max(10)));
    }

    [Fact]
    public void ReadLine_TrailingNewline_NoExtraEmptyLine()
    {
        Assert.Equal(["a", "b"], Lines("a\nb\n", Max(10)));
        Assert.Empty(Lines("", Max(10)));
    }

    [Fact]
    public void ReadLine_ByteOrderMarkOnFirstLine_Dropped()
    {
        Assert.Equal(["x", "\uFEFFy"], Lines("\uFEFFx\n\uFEFFy", Max(10)));
    }

    [Fact]
    public void ReadLine_LineOfExactlyTheLimit_Accepted()
    {
        Assert.Equal(["12345", "1234"], Lines("12345\n1234", Max(5)));
        Assert.Equal(["12345"], Lines("12345\r\n", Max(5)));
    }

    [Fact]
    public void ReadLine_LineOverTheLimit_RefusedWithLineAndColumn()
    {
        var e = Assert.Throws<FormatParseException>(() => Lines("ok\n123456\n", Max(5)));
        Assert.Equal("f:2:6: expected a line of at most 5 bytes (the limit for a test file), found \"123456\"", e.Message);
    }

    [Fact]
    public void ReadLine_HugeLineWithoutNewline_RefusedAfterOneBuffer()
    {
        // 200 MB of zero bytes with no newline, as a sparse file reads: memory must stay near the line limit.
        using var stream = new ZeroStream(200L * 1024 * 1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<FormatParseException>(() => Lines(stream, Max(64 * 1024)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("f:1:65537: expected a line of at most 64 KiB", e.Message, StringComparison.Ordinal);
        Assert.True(stream.Position <= 256 * 1024, $"read {stream.Position} bytes before refusing");
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void TryReadLine_TruncateMode_ReturnsPrefixAndSkipsTheRest()
    {
        var text = "short\n" + new string('x', 50_000) + "\nnext";
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), "f",
            new LineLimits("a test file", 8, Overlong: OverlongLines.Truncate));
        Assert.Equal("short", reader.ReadLine());
        Assert.False(reader.LastLineTruncated);
        Assert.Equal("xxxxxxxx", reader.ReadLine());
        Assert.True(reader.LastLineTruncated);
        Assert.Equal(2, reader.LineNumber);
        Assert.Equal("next", reader.ReadLine());
        Assert.Equal(3, reader.LineNumber);
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void ReadLine_MoreLinesThanTheLimit_RefusedNamingTheLine()
    {
        var e = Assert.Throws<FormatParseException>(() => Lines("1\n2\n3\n4\n", new LineLimits("a test file", 10, MaxLines: 3)));
        Assert.Equal("f:4: more than 3 lines, the limit for a test file", e.Message);
    }

    [Fact]
    public void ReadLine_MoreBytesThanTheTotalLimit_Refused()
    {
        var text = string.Concat(Enumerable.Repeat("line\n", 10_000));
        var e = Assert.Throws<FormatParseException>(() => Lines(text, new LineLimits("a test file", 10, MaxTotalBytes: 16 * 1024)));
        Assert.Equal("f: larger than the 16 KiB limit for a test file", e.Message);
    }

    [Fact]
    public void ReadLine_AnyTextInAnyReadSizes_SameLinesAsSplittingTheText()
    {
        var line = Gen.Elements("", "a", "bc", "déf", "\r", "x\ry", "0123456789012345678901234567890123456789");
        var text = from lines in Gen.ListOf(line)
                   from endsInNewline in Gen.Elements(true, false)
                   select string.Join("\n", lines) + (endsInNewline && lines.Count > 0 ? "\n" : "");
        Prop.ForAll(text.ToArbitrary(), Gen.Choose(1, 7).ToArbitrary(), (t, chunk) =>
        {
            var expected = t.Length == 0 ? [] : t.EndsWith('\n') ? t[..^1].Split('\n') : t.Split('\n');
            var got = Lines(new TrickleStream(Encoding.UTF8.GetBytes(t), chunk), Max(64));
            return got.SequenceEqual(expected.Select(l => l.EndsWith('\r') ? l[..^1] : l));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    /// <summary>Zero bytes without end (up to a length), never materialised.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read, like a pipe.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
