using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel.Replay;

public sealed class TraceLoaderTests : IDisposable
{
    private const ulong UserTop = 0x7fff_ffff_f000;
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-loader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "t");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void FromLackey_KindsAndPageCrossing_OneReferencePerPageInAddressOrder()
    {
        var input = TraceLoader.FromLackey(Write("I  00401ffe,4\n L 00500000,8\n S 00500008,8\n M 00500010,4\n"), 12, UserTop);

        Assert.Equal(4, input.Accesses);
        Assert.Equal(
            [new(0x401, AccessKind.Execute), new(0x402, AccessKind.Execute), new(0x500, AccessKind.Read), new(0x500, AccessKind.Write), new(0x500, AccessKind.Write)],
            input.References);
        Assert.Equal(3, input.DistinctPages);
    }

    [Fact]
    public void FromLackey_Regions_AreRunsOfConsecutivePagesExecutableWhereFetched()
    {
        var input = TraceLoader.FromLackey(Write("I  00401000,4\n L 00402000,8\n L 00404000,8\n S 7ff000000,8\n"), 12, UserTop);

        Assert.Equal([new(0x401, 0x402, true), new(0x404, 0x404, false), new(0x7ff000, 0x7ff000, false)], input.Regions);
    }

    [Fact]
    public void FromLackey_AddressAboveUserSpace_ErrorNamesLine()
    {
        var e = Assert.Throws<FormatParseException>(() => TraceLoader.FromLackey(Write("I  00401000,4\n L ffffffffff600000,8\n"), 12, UserTop));

        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void FromReferenceString_PageN_IsPageNOfOneMapping()
    {
        var input = TraceLoader.FromReferenceString(Write("# a comment\n3\n0x10\n3\n"), 12, UserTop);

        var basePage = TraceLoader.ReferenceStringBase >> 12;
        Assert.Equal([basePage + 3, basePage + 16, basePage + 3], input.References.Select(r => r.Page));
        Assert.Equal([new TraceRegion(basePage, basePage + 16, false)], input.Regions);
        Assert.Equal(2, input.DistinctPages);
        Assert.Equal(3, input.Accesses);
    }

    [Fact]
    public void FromReferenceString_PageBeyondUserSpace_ErrorNamesLine()
    {
        var e = Assert.Throws<FormatParseException>(() => TraceLoader.FromReferenceString(Write("1\n99999999999999\n"), 12, UserTop));

        Assert.Equal(2, e.Line);
        Assert.Contains("expected a page number below", e.Message, StringComparison.Ordinal);
    }
}
