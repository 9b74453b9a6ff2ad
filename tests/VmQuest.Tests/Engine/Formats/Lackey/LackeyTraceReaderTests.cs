using System.Text;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Lackey;

namespace VmQuest.Tests.Engine.Formats.Lackey;

public sealed class LackeyTraceReaderTests
{
    private static List<LackeyAccess> ReadText(string text, int chunk = int.MaxValue)
    {
        using var reader = new LackeyTraceReader(new ChunkedStream(Encoding.ASCII.GetBytes(text), chunk), "t.lackey");
        var result = new List<LackeyAccess>();
        while (reader.TryRead(out var a))
        {
            result.Add(a);
        }

        return result;
    }

    [Fact]
    public void ReadAll_CommittedSample_ReadsEveryAccessLine()
    {
        var all = LackeyTraceReader.ReadAll(LackeyTestFiles.Sample("true.lackey")).ToList();
        Assert.Equal(37, all.Count);
        Assert.Equal(new LackeyAccess(LackeyAccessKind.Instruction, 0x0401ab70, 3), all[0]);
        Assert.Equal(new LackeyAccess(LackeyAccessKind.Store, 0x1fff000628, 8), all[2]);
        Assert.Equal(23, all.Count(a => a.Kind == LackeyAccessKind.Instruction));
        Assert.Equal(10, all.Count(a => a.Kind == LackeyAccessKind.Store));
        Assert.Equal(4, all.Count(a => a.Kind == LackeyAccessKind.Modify));
        Assert.All(all.Where(a => a.Kind == LackeyAccessKind.Modify), a => Assert.True(a.IsRead && a.IsWrite));
    }

    [Fact]
    public void TryRead_LineNumbers_CountSkippedLines()
    {
        using var reader = new LackeyTraceReader(new MemoryStream("==1== hi\n\nI  10,1\n L 20,4"u8.ToArray()), "t");
        Assert.True(reader.TryRead(out _));
        Assert.Equal(3, reader.LineNumber);
        Assert.True(reader.TryRead(out var last));
        Assert.Equal((LackeyAccessKind.Load, 0x20UL, 4u), (last.Kind, last.Address, last.Size));
        Assert.Equal(4, reader.LineNumber);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void TryRead_CrLfUpperHexAndValgrindVariants_Accepted()
    {
        var all = ReadText("--77-- warning\r\n**77** crit\r\nI  0040ABCD,2\r\n M 7FF0,8   \r\n");
        Assert.Equal([new(LackeyAccessKind.Instruction, 0x40abcd, 2), new(LackeyAccessKind.Modify, 0x7ff0, 8)], all);
    }

    [Theory]
    [InlineData("X  1000,4", 1, "an access line \"I|L|S|M address,size\" or a valgrind \"==pid==\" line")]
    [InlineData(" L1000,4", 3, "a space after the access letter")]
    [InlineData(" L ,4", 4, "a hex address")]
    [InlineData(" L 10g0,4", 6, "',' between address and size")]
    [InlineData(" L 1000", 8, "',' between address and size")]
    [InlineData(" L 1000,", 9, "a decimal size")]
    [InlineData(" L 1000,0", 9, "a size of at least 1 byte")]
    [InlineData(" L 1000,4x", 10, "end of line after the size")]
    [InlineData(" L 1000,99999999999", 9, "a decimal size that fits in 32 bits")]
    [InlineData(" L 11112222333344445,4", 4, "a hex address of at most 16 digits")]
    [InlineData(" S ffffffffffffffff,2", 4, "an access that ends at or below address ffffffffffffffff")]
    [InlineData("=5== x", 1, "an access line \"I|L|S|M address,size\" or a valgrind \"==pid==\" line")]
    public void TryRead_MalformedLine_ThrowsWithFileLineColumn(string bad, int column, string expected)
    {
        var e = Assert.Throws<FormatParseException>(() => ReadText("==1== header\nI  10,1\n" + bad + "\n"));
        Assert.Equal("t.lackey", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(expected, e.Expected);
        Assert.StartsWith($"t.lackey:3:{column}: expected {expected}, found ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_HugeValgrindLine_IsSkippedAndCountedOnce()
    {
        string text = "==1== " + new string('x', 200_000) + "\nI  10,1\n";
        using var reader = new LackeyTraceReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), "t");
        Assert.True(reader.TryRead(out var a));
        Assert.Equal(0x10UL, a.Address);
        Assert.Equal(2, reader.LineNumber);
    }

    [Fact]
    public void TryRead_HugeAccessLine_ThrowsLineTooLong()
    {
        string text = "I  10,1\n L " + new string('1', 100_000) + ",4\n";
        var e = Assert.Throws<FormatParseException>(() => ReadText(text));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("t.lackey:2:65537: expected a line of at most 64 KiB (the limit for a lackey trace), found \" L 1111", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_AnyChunking_GivesSameAccesses()
    {
        var lines = new StringBuilder();
        var expected = new List<LackeyAccess>();
        for (int i = 0; i < 20_000; i++)
        {
            var kind = (LackeyAccessKind)(i % 4);
            ulong addr = 0x1000_0000UL + ((ulong)i * 0x9E3779B1UL % 0x100000);
            uint size = (uint)(1 + (i % 16));
            expected.Add(new LackeyAccess(kind, addr, size));
            lines.Append(kind == LackeyAccessKind.Instruction ? "I  " : " " + "ILSM"[(int)kind] + " ").Append(addr.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(size).Append('\n');
            if (i % 1000 == 0)
            {
                lines.Append("==42== progress\n");
            }
        }

        string text = lines.ToString();
        Prop.ForAll(Gen.Choose(1, 70_000).ToArbitrary(), chunk => ReadText(text, chunk).SequenceEqual(expected))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void Pages_AccessCrossingPageBoundary_TouchesEachPageInAddressOrder()
    {
        var a = new LackeyAccess(LackeyAccessKind.Store, 0x1ffe, 4);
        Assert.Equal([1UL, 2UL], Enumerate(a.Pages(12)));
        Assert.Equal([0x1fUL], Enumerate(new LackeyAccess(LackeyAccessKind.Load, 0x1ff8, 8).Pages(8)));
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], Enumerate(new LackeyAccess(LackeyAccessKind.Load, 0x1f, 64).Pages(4)));
    }

    [Fact]
    public void Pages_TopOfAddressSpace_DoesNotWrap()
    {
        var a = new LackeyAccess(LackeyAccessKind.Load, ulong.MaxValue - 4, 5);
        Assert.Equal([ulong.MaxValue >> 12], Enumerate(a.Pages(12)));
        var b = new LackeyAccess(LackeyAccessKind.Load, ulong.MaxValue - 4096, 4097);
        Assert.Equal([(ulong.MaxValue >> 12) - 1, ulong.MaxValue >> 12], Enumerate(b.Pages(12)));
    }

    [Fact]
    public void Pages_RandomAccesses_CoverExactlyTheBytesPages()
    {
        var gen = from addr in Gen.Choose(0, int.MaxValue).Select(v => (ulong)v * 7919)
                  from size in Gen.Choose(1, 20_000)
                  from shift in Gen.Elements(5, 12, 16, 21)
                  select (addr, (uint)size, shift);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (addr, size, shift) = t;
            var pages = Enumerate(new LackeyAccess(LackeyAccessKind.Load, addr, size).Pages(shift));
            ulong pageSize = 1UL << shift;
            bool consecutive = pages.Zip(pages.Skip(1), (x, y) => y == x + 1).All(b => b);
            bool firstOk = pages[0] * pageSize <= addr && addr < (pages[0] + 1) * pageSize;
            ulong last = addr + size - 1;
            bool lastOk = pages[^1] * pageSize <= last && last < (pages[^1] + 1) * pageSize;
            return consecutive && firstOk && lastOk;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void ReadPageTouches_Sample_ExpandsModifyOnceAsReadWrite()
    {
        var touches = LackeyTraceReader.ReadPageTouches(LackeyTestFiles.Sample("true.lackey"), 12).ToList();
        Assert.Equal(37, touches.Count); // No access in the sample crosses a 4 KiB boundary.
        Assert.Equal(0x0401ab70UL >> 12, touches[0].Page);
        Assert.Equal(4, touches.Count(t => t.IsRead && t.IsWrite));
    }

    [Fact]
    public void Open_MissingFile_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatParseException>(() => LackeyTraceReader.Open("/nonexistent/trace"));
        Assert.Equal("/nonexistent/trace: no such file", e.Message);
    }

    private static List<ulong> Enumerate(PageSpan span)
    {
        var list = new List<ulong>();
        foreach (ulong p in span)
        {
            list.Add(p);
        }

        return list;
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read, to hit every buffer boundary.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }

    [Fact]
    public void TryRead_Issue8_AccessOfTheLimit_Accepted()
    {
        var access = Assert.Single(ReadText(" L 10000000,4096\n"));
        Assert.Equal(4096u, access.Size);
    }

    [Fact]
    public void TryRead_Issue8_AccessOfFourGibibytes_RefusedNotExpanded()
    {
        var e = Assert.Throws<FormatParseException>(() => ReadText(" L 10000000,4097\n L 10000000,4294967295\n"));
        Assert.Equal("t.lackey:1:13: expected a size of at most 4096 bytes (valgrind's accesses are at most a few hundred bytes), found \"4097\"", e.Message);
    }

    [Fact]
    public void TryRead_LongValgrindLine_SkippedAfterItsPrefix()
    {
        var all = ReadText("==1== " + new string('x', 200_000) + "\nI  10,1\n", chunk: 3000);
        Assert.Equal(0x10UL, Assert.Single(all).Address);
    }
}
