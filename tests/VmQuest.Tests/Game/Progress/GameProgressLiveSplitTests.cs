using System.Net;
using System.Net.Sockets;
using System.Text;
using VmQuest.Progress;
using VmQuest.Speedrun;
using VmQuest.Tests.Game.Speedrun;

namespace VmQuest.Tests.Game.Progress;

/// <summary>GameProgress driving a fake LiveSplit Server on 127.0.0.1: the exact commands, in order.</summary>
public sealed class GameProgressLiveSplitTests
{
    private readonly ManualClock _time = new();

    [Fact]
    public void SingleLevels_WinThenRetryAbandoned_StartPauseSplitThenResetBeforeTheNextStart()
    {
        var lines = Drive((progress, time) =>
        {
            progress.MenuEntered();                 // the briefing: nothing runs yet, nothing is sent
            progress.LevelStarted(ProgressSamples.Belady);
            progress.MenuLeft();
            time.Advance(1);
            progress.PlayerActed();                 // starttimer
            time.Advance(10);
            progress.MenuEntered();                 // pause menu
            time.Advance(2);
            progress.MenuLeft();
            time.Advance(0.5);
            progress.LevelFinished(ProgressSamples.Optimal());   // setgametime 10.5 s, split
            progress.MenuEntered();                 // results: the run is over, nothing is sent
            progress.LevelStarted(ProgressSamples.Belady);      // a new run: reset the finished one
            progress.MenuLeft();
            progress.PlayerActed();
            time.Advance(3);
            progress.LevelAbandoned(ProgressSamples.Fifo());     // back to the menu unfinished: reset
        });

        Assert.Equal(
            ["starttimer", "initgametime", "pausegametime", "unpausegametime", "setgametime 0:00:10.500", "split",
             "reset", "starttimer", "initgametime", "reset"],
            lines);
    }

    [Fact]
    public void SingleLevel_Lost_Reset()
    {
        var lines = Drive((progress, time) =>
        {
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            time.Advance(4);
            progress.LevelFinished(new LostSession(ProgressSamples.Belady));
        });

        Assert.Equal(["starttimer", "initgametime", "reset"], lines);
    }

    [Fact]
    public void Campaign_RetryAndResultsBetweenLevels_OneRunTwoSplitsGameTimeWithoutMenus()
    {
        var second = ProgressSamples.Belady with { Id = "victim-belady-again" };
        var lines = Drive((progress, time) =>
        {
            progress.CampaignStarted("main", [ProgressSamples.Belady, second]);
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            time.Advance(2);
            progress.LevelAbandoned(ProgressSamples.Fifo());    // a restart inside the run: no reset
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            time.Advance(3);
            progress.LevelFinished(ProgressSamples.Optimal());  // split 1 at 5 s
            progress.MenuEntered();                             // results and briefing
            time.Advance(4);
            progress.LevelStarted(second);
            progress.MenuLeft();
            progress.PlayerActed();
            time.Advance(6.25);
            progress.LevelFinished(ProgressSamples.Optimal(second)); // split 2: game time 11.25 s (real 15.25 s)
        });

        Assert.Equal(
            ["starttimer", "initgametime", "setgametime 0:00:05.000", "split", "pausegametime", "unpausegametime",
             "setgametime 0:00:11.250", "split"],
            lines);
    }

    [Fact]
    public void CampaignStarted_WhileALevelRuns_ThatRunResetThenOneCampaignTimer()
    {
        var lines = Drive((progress, time) =>
        {
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            time.Advance(1);
            progress.CampaignStarted("main", [ProgressSamples.Belady]);
            progress.PlayerActed();              // no level open yet: the campaign's timer alone starts
            progress.LevelStarted(ProgressSamples.Belady);
            time.Advance(2);
            progress.LevelFinished(ProgressSamples.Optimal());
        });

        Assert.Equal(["starttimer", "initgametime", "reset", "starttimer", "initgametime", "setgametime 0:00:02.000", "split"], lines);
    }

    [Fact]
    public void Quit_CampaignUnfinished_Reset()
    {
        var lines = Drive((progress, time) =>
        {
            progress.CampaignStarted("main", [ProgressSamples.Belady, ProgressSamples.Belady with { Id = "two" }]);
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            time.Advance(1);
            progress.LevelFinished(ProgressSamples.Optimal());
        });

        Assert.Equal(["starttimer", "initgametime", "setgametime 0:00:01.000", "split", "reset"], lines);
    }

    [Fact]
    public void Open_LiveSplitUnreachable_OneLineAndTheGamePlaysOn()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var error = new StringWriter();
        var data = Directory.CreateTempSubdirectory("vmquest-livesplit-").FullName;
        try
        {
            PlayWithoutLiveSplit(data, port, error);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private void PlayWithoutLiveSplit(string data, int port, StringWriter error)
    {
        using var progress = GameProgress.Open(data, new LiveSplitAddress("127.0.0.1", port), error, _time);

        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"vmquest: cannot reach LiveSplit Server at 127.0.0.1:{port} (", line, StringComparison.Ordinal);
        Assert.EndsWith("; playing without LiveSplit", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Null(progress.LiveSplit);
        progress.LevelStarted(ProgressSamples.Belady);
        progress.PlayerActed();
        var result = progress.LevelFinished(ProgressSamples.Optimal());
        Assert.True(result.Won);
        Assert.True(result.Recorded);
    }

    [Fact]
    public void LevelFinished_LiveSplitClosedDuringPlay_SaidOnceInAResultAndTheRunStillRecorded()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var address = new LiveSplitAddress("127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
        using var progress = new GameProgress(null, _time, liveSplit: LiveSplitConnection.Connect(address, TimeSpan.FromSeconds(5)));
        using (var accepted = server.AcceptTcpClient())
        {
            accepted.Client.LingerState = new LingerOption(true, 0);
        }

        server.Stop();
        var notes = new List<string?>();
        for (int i = 0; i < 50 && notes.All(n => n is null); i++)
        {
            // A reset peer is noticed on a later write, not always the first.
            progress.LevelStarted(ProgressSamples.Belady);
            progress.PlayerActed();
            _time.Advance(1);
            notes.Add(progress.LevelFinished(ProgressSamples.Optimal()).Note);
            Thread.Sleep(10);
        }

        var note = Assert.Single(notes, n => n is not null);
        Assert.StartsWith($"vmquest: LiveSplit Server at {address} stopped listening (", note, StringComparison.Ordinal);
        Assert.EndsWith("the run is still timed and recorded here", note, StringComparison.Ordinal);
        progress.LevelStarted(ProgressSamples.Belady);
        progress.PlayerActed();
        var after = progress.LevelFinished(ProgressSamples.Optimal());
        Assert.Null(after.Note);
        Assert.Equal(note, ((IGameProgress)progress).StatusNote);
    }

    /// <summary>Runs <paramref name="play"/> on a GameProgress connected to a fake server, quits, and returns every line the server got.</summary>
    private List<string> Drive(Action<IGameProgress, ManualClock> play)
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var address = new LiveSplitAddress("127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
        using (var progress = new GameProgress(null, _time, liveSplit: LiveSplitConnection.Connect(address, TimeSpan.FromSeconds(5))))
        {
            play(progress, _time);
            Assert.Null(progress.LiveSplit!.Problem);
        }

        using var client = server.AcceptTcpClient();
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
