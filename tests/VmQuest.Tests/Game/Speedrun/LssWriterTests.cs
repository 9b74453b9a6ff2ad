using System.Xml.Linq;
using VmQuest.Speedrun;

namespace VmQuest.Tests.Game.Speedrun;

/// <summary>The LiveSplit splits file: LiveSplit's element names, both timing methods, atomic.</summary>
public sealed class LssWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-lss-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_CampaignRun_LiveSplitStructureWithPersonalBestGoldsAndHistory()
    {
        var started = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        var run = new SplitsRun("VmQuest", "Campaign",
            [
                new RunAttempt(1, started, started.AddMinutes(3), null),
                new RunAttempt(2, started.AddHours(1), started.AddHours(1).AddMinutes(2), new TimePair(TimeSpan.FromSeconds(95.5), TimeSpan.FromSeconds(80))),
            ],
            [
                new RunSegment("Address split", new TimePair(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(35)),
                    new TimePair(TimeSpan.FromSeconds(38), TimeSpan.FromSeconds(33)),
                    [new SegmentTime(1, new TimePair(TimeSpan.FromSeconds(38), TimeSpan.FromSeconds(33))), new SegmentTime(2, new TimePair(TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(35)))]),
                new RunSegment("Single-level table", new TimePair(TimeSpan.FromSeconds(95.5), TimeSpan.FromSeconds(80)),
                    new TimePair(TimeSpan.FromSeconds(55.5), TimeSpan.FromSeconds(45)),
                    [new SegmentTime(2, new TimePair(TimeSpan.FromSeconds(55.5), TimeSpan.FromSeconds(45)))]),
            ]);
        var path = Path.Combine(_dir, "vmquest.lss");

        LssWriter.Write(run, path);

        var root = XDocument.Load(path).Root!;
        Assert.Equal("Run", root.Name.LocalName);
        Assert.Equal("VmQuest", root.Element("GameName")!.Value);
        Assert.Equal("Campaign", root.Element("CategoryName")!.Value);
        Assert.Equal("2", root.Element("AttemptCount")!.Value);
        var attempts = root.Element("AttemptHistory")!.Elements("Attempt").ToList();
        Assert.Equal("12/01/2026 08:00:00", attempts[0].Attribute("started")!.Value);
        Assert.Null(attempts[0].Element("RealTime"));
        Assert.Equal("00:01:35.5000000", attempts[1].Element("RealTime")!.Value);
        Assert.Equal("00:01:20.0000000", attempts[1].Element("GameTime")!.Value);
        var segments = root.Element("Segments")!.Elements("Segment").ToList();
        Assert.Equal(["Address split", "Single-level table"], segments.Select(s => s.Element("Name")!.Value));
        var pb = segments[1].Element("SplitTimes")!.Element("SplitTime")!;
        Assert.Equal("Personal Best", pb.Attribute("name")!.Value);
        Assert.Equal("00:01:35.5000000", pb.Element("RealTime")!.Value);
        Assert.Equal("00:00:33.0000000", segments[0].Element("BestSegmentTime")!.Element("GameTime")!.Value);
        Assert.Equal(["1", "2"], segments[0].Element("SegmentHistory")!.Elements("Time").Select(t => t.Attribute("id")!.Value));
    }

    [Theory]
    [InlineData(0, "00:00:00.0000000")]
    [InlineData(3723.5, "01:02:03.5000000")]
    [InlineData(90061, "1.01:01:01.0000000")]
    public void Time_LiveSplitText(double seconds, string expected)
    {
        Assert.Equal(expected, LssWriter.Time(TimeSpan.FromSeconds(seconds)));
    }
}
