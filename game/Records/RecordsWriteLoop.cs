using System.Globalization;

namespace VmQuest.Records;

/// <summary>
/// The hidden <c>vmquest records write-loop</c>: writes attempts (with a 64 KiB replay each, so a kill lands inside
/// a transaction often) and campaign splits as fast as it can, printing a line only after each commit. The kill
/// test SIGKILLs it at random moments and checks every printed record is in the database.
/// </summary>
internal static class RecordsWriteLoop
{
    /// <summary>The level the loop's attempts are recorded under.</summary>
    public const string LevelId = "records-write-loop";

    /// <summary>
    /// Writes until killed (or <paramref name="count"/> attempts). Prints <c>attempt SEED</c> after each attempt's
    /// commit and <c>split RUN INDEX</c> after each split's; seeds are <paramref name="batch"/> × 1,000,000 + i.
    /// </summary>
    public static void Run(RecordsStore store, TextWriter output, int batch, int? count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(batch);
        var replay = new byte[64 * 1024];
        long run = store.BeginCampaignRun(1, DateTimeOffset.UtcNow);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}"));
        output.Flush();
        for (int i = 0; count is not { } n || i < n; i++)
        {
            random.NextBytes(replay);
            ulong seed = (ulong)batch * 1_000_000UL + (ulong)i;
            var attempt = new AttemptRecord(LevelId, 1, "loop", 1, DateTimeOffset.UtcNow, seed,
                [new("faults", random.Next(100)), new("cycles", random.Next(100_000)), new("actions", random.Next(50))],
                new SpeedrunTimes(random.Next(100_000), 1000 + i, 900 + i), Verified: false, replay);
            var recorded = store.AddAttempt(attempt);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"attempt {seed}"));
            output.Flush();
            var split = store.AddSplit(run, new SplitInput($"segment {i}", LevelId, new SpeedrunTimes(10, 20, 15), recorded.Id));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"split {run} {split.Index}"));
            output.Flush();
        }

        // Only reached with --count: the figures for docs/records.md.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done: {count} attempts and splits in {clock.Elapsed.TotalMilliseconds:F0} ms, {clock.Elapsed.TotalMilliseconds / Math.Max(1, count ?? 1):F2} ms per attempt + split"));
    }
}
