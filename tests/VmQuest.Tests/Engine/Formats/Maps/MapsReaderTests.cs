using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Maps;

namespace VmQuest.Tests.Engine.Formats.Maps;

public sealed class MapsReaderTests
{
    private const string Sample =
        "555555554000-555555556000 r--p 00000000 fe:00 248174                     /usr/bin/sleep\n" +
        "555555556000-55555555b000 r-xp 00002000 fe:00 248174                     /usr/bin/sleep\n" +
        "55555555b000-55555555d000 r--p 00007000 fe:00 248174                     /usr/bin/sleep\n" +
        "55555555d000-55555555e000 r--p 00009000 fe:00 248174                     /usr/bin/sleep\n" +
        "55555555e000-55555555f000 rw-p 0000a000 fe:00 248174                     /usr/bin/sleep\n" +
        "55555555f000-555555560000 rw-p 00000000 00:00 0 \n" +
        "555555560000-555555581000 rw-p 00000000 00:00 0                          [heap]\n" +
        "7ffff7d72000-7ffff7dc9000 r--p 00000000 fe:00 319798                     /usr/lib/my data/LC CTYPE\n" +
        "7ffff7dd2000-7ffff7dd5000 rw-p 00000000 00:00 0 \n" +
        "7ffff7fb8000-7ffff7fbf000 r--s 00000000 fe:00 331548                     /usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache\n" +
        "7ffff7fbf000-7ffff7fc0000 rw-s 00000000 00:01 1025                       /memfd:doublemapper (deleted)\n" +
        "7ffff7fc2000-7ffff7fc6000 r--p 00000000 00:00 0                          [vvar]\n" +
        "7ffff7fc6000-7ffff7fc8000 r--p 00000000 00:00 0                          [vvar_vclock]\n" +
        "7ffff7fc8000-7ffff7fca000 r-xp 00000000 00:00 0                          [vdso]\n" +
        "7ffff7fca000-7ffff7fcb000 r--p 00000000 fe:00 331651                     /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\n" +
        "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]\n" +
        "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n";

    [Fact]
    public void Parse_Sample_ReadsEveryField()
    {
        var maps = MapsReader.Parse(Sample, "sample.maps");
        Assert.Equal(17, maps.Count);
        var text = maps[1];
        Assert.Equal((0x555555556000UL, 0x55555555b000UL, MapsPermissions.Read | MapsPermissions.Execute, 0x2000UL, 0xFEu, 0u, 248174UL, "/usr/bin/sleep"),
            (text.Start, text.End, text.Permissions, text.Offset, text.DeviceMajor, text.DeviceMinor, text.Inode, text.Path));
        Assert.Equal(string.Empty, maps[5].Path);
        Assert.Equal("/usr/lib/my data/LC CTYPE", maps[7].Path);
        Assert.True(maps[9].Permissions.HasFlag(MapsPermissions.Shared));
        Assert.True(maps[10].IsDeleted);
        Assert.Equal("/memfd:doublemapper", maps[10].PathWithoutDeletedSuffix);
        Assert.Equal(0xffffffffff600000UL, maps[16].Start);
        Assert.Equal("--xp", maps[16].PermissionString);
    }

    [Fact]
    public void Format_Sample_RoundTripsByteForByte()
    {
        Assert.Equal(Sample, MapsWriter.Format(MapsReader.Parse(Sample, "sample.maps")));
    }

    [Fact]
    public void Format_ProcSelfMaps_RoundTripsByteForByte()
    {
        // Read the text once and parse that same text: the live maps change between two reads.
        string text = File.ReadAllText("/proc/self/maps");
        var maps = MapsReader.Parse(text, "/proc/self/maps");
        Assert.True(maps.Count > 10);
        Assert.Equal(text, MapsWriter.Format(maps));
    }

    [Fact]
    public void ReadProcess_Self_ContainsStackAndVdso()
    {
        var maps = MapsReader.ReadProcess(Environment.ProcessId);
        var kinds = MapsClassifier.Classify(maps);
        Assert.Contains(MapsKind.Stack, kinds);
        Assert.Contains(MapsKind.Vdso, kinds);
        Assert.Contains(MapsKind.Text, kinds);
    }

    [Fact]
    public void Classify_Sample_GivesEachRegionItsKind()
    {
        var kinds = MapsClassifier.Classify(MapsReader.Parse(Sample, "sample.maps"));
        Assert.Equal(
            [
                MapsKind.ReadOnlyData, MapsKind.Text, MapsKind.ReadOnlyData, MapsKind.ReadOnlyData, MapsKind.Data, MapsKind.Bss,
                MapsKind.Heap, MapsKind.MappedFile, MapsKind.Anonymous, MapsKind.MappedFile, MapsKind.MappedFile,
                MapsKind.Vvar, MapsKind.Vvar, MapsKind.Vdso, MapsKind.MappedFile, MapsKind.Stack, MapsKind.Vsyscall,
            ],
            kinds);
    }

    [Theory]
    [InlineData("zzzz-1000 r--p 00000000 00:00 0", 1, "a hex start address")]
    [InlineData("1000 2000 r--p 00000000 00:00 0", 5, "'-' between start and end address")]
    [InlineData("2000-1000 r--p 00000000 00:00 0", 6, "an end address above the start 2000")]
    [InlineData("1000-2000 rw-q 00000000 00:00 0", 14, "permissions like \"r-xp\" ([r-][w-][x-][ps])")]
    [InlineData("1000-2000 rwx 00000000 00:00 0", 14, "permissions like \"r-xp\" ([r-][w-][x-][ps])")]
    [InlineData("1000-2000 r--p 0000000g 00:00 0", 23, "a space after the offset")]
    [InlineData("1000-2000 r--p 00000000 00-00 0", 27, "':' between device major and minor numbers")]
    [InlineData("1000-2000 r--p 00000000 00:00", 30, "a space and a decimal inode number")]
    [InlineData("1000-2000 r--p 00000000 00:00 x", 31, "a decimal inode number")]
    [InlineData("1000-2000 r--p 00000000 00:00 0 extra words", 33, "a path starting with '/' or '[', or end of line")]
    [InlineData("10000000000000000-20000000000000000 r--p 0 0:0 0", 1, "a hex start address that fits in 64 bits")]
    public void ParseLine_Malformed_ThrowsWithFileLineColumn(string line, int column, string expected)
    {
        var e = Assert.Throws<FormatParseException>(() => MapsReader.Parse("1-2 r--p 0 0:0 0\n" + line + "\n", "bad.maps"));
        Assert.Equal(2, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(expected, e.Expected);
        Assert.StartsWith($"bad.maps:2:{column}: expected {expected}, found ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_Overlapping_ThrowsNamingLine()
    {
        var e = Assert.Throws<FormatParseException>(() => MapsReader.Parse("1000-3000 r--p 0 0:0 0\n2000-4000 r--p 0 0:0 0\n", "o.maps"));
        Assert.Equal(2, e.Line);
        Assert.Contains("ascending order", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlankLinesAndCrLf_AreAccepted()
    {
        var maps = MapsReader.Parse("1000-2000 r--p 00000000 00:00 0 \r\n\r\n3000-4000 rw-p 00000000 00:00 0                          [heap]\r\n", "crlf.maps");
        Assert.Equal(2, maps.Count);
        Assert.Equal("[heap]", maps[1].Path);
    }

    [Fact]
    public void ReadFile_Missing_ThrowsFormatException()
    {
        var e = Assert.Throws<FormatParseException>(() => MapsReader.ReadFile("/nonexistent/maps"));
        Assert.Equal("/nonexistent/maps: no such file", e.Message);
    }

    [Fact]
    public void ParseLine_ControlCharacters_MessageStaysOneLine()
    {
        var e = Assert.Throws<FormatParseException>(() => MapsReader.Parse("1000-2000 r\u001b[31m--p 0 0:0 0", "x"));
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.Contains("\\x1B", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Issue8_MoreMappingsThanMaxMapCount_RefusedAtTheFirstExtra()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i <= 65_530; i++)
        {
            ulong start = 0x10000 + ((ulong)i * 0x2000);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{start:x}-{start + 0x1000:x} r--p 00000000 00:00 0\n");
        }

        var e = Assert.Throws<FormatParseException>(() => MapsReader.Parse(sb.ToString(), "many.maps"));
        Assert.Equal("many.maps:65531: more than 65,530 mappings (Linux's vm.max_map_count), the limit for a maps file", e.Message);
    }

    [Fact]
    public void Parse_Issue8_LineLongerThanPathMaxAllows_Refused()
    {
        var e = Assert.Throws<FormatParseException>(() => MapsReader.Parse("1000-2000 r--p 0 0:0 0 /" + new string('a', 9000) + "\n", "long.maps"));
        Assert.StartsWith("long.maps:1:8193: expected a line of at most 8 KiB (the limit for a maps file)", e.Message, StringComparison.Ordinal);
    }
}
