using VmQuest.Records;

namespace VmQuest.Tests.Game.Records;

/// <summary>Attempts and a temporary data directory for the records tests.</summary>
internal static class RecordsSamples
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>An attempt at <paramref name="level"/> finished <paramref name="minute"/> minutes after <see cref="Start"/> with metrics faults, cycles, actions.</summary>
    public static AttemptRecord Attempt(long faults, long cycles, long actions, int minute = 0, string level = "demand-paging", string hash = "h1", byte[]? replay = null) =>
        new(level, 2, hash, 7, Start.AddMinutes(minute), 0xFEDC_BA98_7654_3210UL,
            [new("faults", faults), new("cycles", cycles), new("actions", actions)],
            new SpeedrunTimes(cycles, 60_000 + minute, 50_000 + minute), Verified: minute % 2 == 0, replay);
}

/// <summary>A fresh data directory, deleted after the test.</summary>
public abstract class RecordsDirectoryTest : IDisposable
{
    protected RecordsDirectoryTest()
    {
        Root = Directory.CreateTempSubdirectory("vmquest-records-").FullName;
        DataDir = Path.Combine(Root, "data");
    }

    protected string Root { get; }

    protected string DataDir { get; }

    protected string DatabasePath => RecordsLocation.DatabasePath(DataDir);

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }
}
