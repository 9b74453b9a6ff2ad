using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using VmQuest.Records;
using Xunit.Abstractions;

namespace VmQuest.Tests.Game.Records;

/// <summary>
/// A process killed mid-write loses nothing already recorded: the real <c>vmquest records write-loop</c> writes
/// attempts and splits and prints each one after its commit; it is SIGKILLed at random moments, again and again
/// on the same database, and every printed record must be there, whole, in a database that passes
/// <c>PRAGMA integrity_check</c> and is never taken for a damaged one.
/// </summary>
public sealed class RecordsKillTests(ITestOutputHelper log) : RecordsDirectoryTest
{
    private const int MaxKills = 12, MinKills = 5, WantedMidWrite = 2;

    [Fact]
    public void WriteLoop_KilledAtRandomMomentsRepeatedly_KeepsEveryConfirmedRecord()
    {
        var executable = GameExecutable.Path;
        var random = new Random(Environment.TickCount);
        var confirmedAttempts = new HashSet<ulong>();
        var confirmedSplits = new HashSet<(long Run, int Index)>();
        int kills = 0, midWrite = 0;
        while (kills < MinKills || (midWrite < WantedMidWrite && kills < MaxKills))
        {
            var lines = RunAndKill(executable, batch: kills + 1, TimeSpan.FromMilliseconds(random.Next(20, 500)));
            kills++;
            // A journal left behind means the kill landed inside a transaction (its first write made the
            // journal; COMMIT deletes it): the case this test is for.
            if (File.Exists(DatabasePath + "-journal") && new FileInfo(DatabasePath + "-journal").Length > 0)
            {
                midWrite++;
            }

            foreach (var line in lines)
            {
                var words = line.Split(' ');
                if (words[0] == "attempt")
                {
                    confirmedAttempts.Add(ulong.Parse(words[1], CultureInfo.InvariantCulture));
                }
                else if (words[0] == "split")
                {
                    confirmedSplits.Add((long.Parse(words[1], CultureInfo.InvariantCulture), int.Parse(words[2], CultureInfo.InvariantCulture)));
                }
            }
        }

        log.WriteLine($"{kills} kills, {midWrite} inside a transaction; {confirmedAttempts.Count} attempts and {confirmedSplits.Count} splits confirmed");
        Assert.True(midWrite >= 1, $"none of {kills} kills landed inside a transaction");
        Assert.NotEmpty(confirmedAttempts);
        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString()))
        {
            raw.Open();
            using var check = raw.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        using var store = RecordsStore.Open(DataDir);
        Assert.Null(store.Recovery);
        var attempts = store.Attempts(RecordsWriteLoop.LevelId);
        var seeds = attempts.Select(a => a.Attempt.Seed).ToHashSet();
        Assert.Empty(confirmedAttempts.Except(seeds));
        Assert.All(attempts, a =>
        {
            Assert.Equal(3, a.Attempt.Metrics.Count); // never half an attempt
            Assert.Equal(64 * 1024, store.Replay(a.Id)!.Length);
        });
        var splits = store.Runs().SelectMany(r => r.Splits.Select(s => (r.Id, s.Index))).ToHashSet();
        Assert.Empty(confirmedSplits.Except(splits));
    }

    /// <summary>Starts the writer, lets it confirm a first attempt, waits <paramref name="after"/> more, SIGKILLs it; returns every line it printed.</summary>
    private List<string> RunAndKill(string executable, int batch, TimeSpan after)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { executable, "records", "write-loop", "--data-dir", DataDir, "--batch", batch.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var lines = new List<string>();
        using var writer = Process.Start(start)!;
        // Lines are read on a thread of their own, so the kill can come at any moment, independent of the pipe.
        var stderr = writer.StandardError.ReadToEndAsync();
        var reader = new Thread(() =>
        {
            while (writer.StandardOutput.ReadLine() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }) { IsBackground = true };
        reader.Start();
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!HasAttempt(lines) && !writer.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(5);
            }

            if (writer.HasExited)
            {
                Assert.Fail("the writer stopped by itself: " + stderr.Result);
            }

            Assert.True(HasAttempt(lines), "the writer confirmed nothing within a minute");
            Thread.Sleep(after);
        }
        finally
        {
            writer.Kill(); // SIGKILL: no handler, no flush, no cleanup runs in the child
            writer.WaitForExit();
        }

        Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "the writer's output did not end after the kill");
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static bool HasAttempt(List<string> lines)
    {
        lock (lines)
        {
            return lines.Exists(l => l.StartsWith("attempt ", StringComparison.Ordinal));
        }
    }

}
