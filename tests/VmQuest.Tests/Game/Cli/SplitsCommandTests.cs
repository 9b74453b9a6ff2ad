using System.Xml.Linq;
using VmQuest.Records;

namespace VmQuest.Tests.Game.Cli;

/// <summary><c>vmquest splits export --lss</c>: the records' campaign runs as a LiveSplit splits file.</summary>
public sealed class SplitsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-splits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Export_TwoFinishedRunsAndAReset_PersonalBestGoldsAndHistory()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        using (var store = RecordsStore.Open(_dir))
        {
            Run(store, start, [(40_000, 35_000), (60_000, 50_000)], finish: true);          // 100 s real
            Run(store, start.AddHours(1), [(30_000, 28_000)], finish: false);                // reset: a gold in segment 1
            Run(store, start.AddHours(2), [(45_000, 40_000), (50_000, 45_000)], finish: true); // 95 s real: the PB
        }

        var lss = Path.Combine(_dir, "out", "vmquest.lss");
        var (status, output, error) = CliRunner.Run("splits", "export", "--lss", lss, "--data-dir", _dir);

        Assert.True(status == 0, error);
        Assert.Equal($"wrote {lss}: 2 segments, 3 attempts", output.Trim());
        var root = XDocument.Load(lss).Root!;
        Assert.Equal("Campaign", root.Element("CategoryName")!.Value);
        Assert.Equal("3", root.Element("AttemptCount")!.Value);
        var segments = root.Element("Segments")!.Elements("Segment").ToList();
        Assert.Equal(["address-split", "single-level"], segments.Select(s => s.Element("Name")!.Value));
        string Pb(int i, string method) => segments[i].Element("SplitTimes")!.Element("SplitTime")!.Element(method)!.Value;
        Assert.Equal("00:00:45.0000000", Pb(0, "RealTime"));
        Assert.Equal("00:01:35.0000000", Pb(1, "RealTime"));
        Assert.Equal("00:01:25.0000000", Pb(1, "GameTime"));
        Assert.Equal("00:00:30.0000000", segments[0].Element("BestSegmentTime")!.Element("RealTime")!.Value);
        Assert.Equal("00:00:50.0000000", segments[1].Element("BestSegmentTime")!.Element("RealTime")!.Value);
        Assert.Equal(["1", "2", "3"], segments[0].Element("SegmentHistory")!.Elements("Time").Select(t => t.Attribute("id")!.Value));
        Assert.Null(root.Element("AttemptHistory")!.Elements("Attempt").ElementAt(1).Element("RealTime"));
    }

    [Fact]
    public void Export_NoRecords_OneLineExitOne()
    {
        var (status, _, error) = CliRunner.Run("splits", "export", "--lss", Path.Combine(_dir, "x.lss"), "--data-dir", _dir);

        Assert.Equal(1, status);
        Assert.Equal($"vmquest: {Path.Combine(_dir, "records.sqlite3")}: no finished run of the campaign 'main' yet; finish one to export its splits", error.Trim());
        Assert.False(File.Exists(Path.Combine(_dir, "x.lss")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Export_Issue8_DeviceAsOutput_RefusedAndUntouched(bool withRecords)
    {
        if (withRecords)
        {
            using var store = RecordsStore.Open(_dir);
            Run(store, DateTimeOffset.UnixEpoch, [(1000, 1000)], finish: true);
        }

        var (status, _, error) = CliRunner.Run("splits", "export", "--lss", "/dev/full", "--data-dir", _dir);

        Assert.Equal(1, status);
        Assert.Equal("vmquest: /dev/full: is a character device; VmQuest only writes regular files", error.Trim());
    }

    private static void Run(RecordsStore store, DateTimeOffset started, (long RealMs, long LoadRemovedMs)[] segments, bool finish)
    {
        string[] levels = ["address-split", "single-level"];
        var id = store.BeginCampaignRun(1, started);
        for (int i = 0; i < segments.Length; i++)
        {
            store.AddSplit(id, new SplitInput(levels[i], levels[i], new SpeedrunTimes(1000 * (i + 1), segments[i].RealMs, segments[i].LoadRemovedMs)));
        }

        if (finish)
        {
            store.FinishRun(id, started.AddMinutes(5));
        }
        else
        {
            store.ResetRun(id, started.AddMinutes(1));
        }
    }
}
