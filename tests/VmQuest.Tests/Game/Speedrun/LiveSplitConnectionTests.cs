using System.Net;
using System.Net.Sockets;
using System.Text;
using VmQuest.Speedrun;

namespace VmQuest.Tests.Game.Speedrun;

/// <summary>The LiveSplit Server connection, against a fake server on 127.0.0.1 that records what it is sent.</summary>
public sealed class LiveSplitConnectionTests
{
    private readonly ManualClock _time = new();

    [Fact]
    public void CampaignRun_DrivesLiveSplit_RealTimeAsRealTimeAndLoadRemovedAsGameTime()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var address = new LiveSplitAddress("127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
        var clock = new SpeedrunClock(_time);
        using (var connection = LiveSplitConnection.Connect(address, TimeSpan.FromSeconds(5)))
        {
            clock.Subscribe(connection);
            clock.Start();
            _time.Advance(61.25);
            clock.EnterLoad();              // results, then the next briefing
            _time.Advance(5);
            clock.Split(1000, segments: 2);
            clock.LeaveLoad();
            _time.Advance(30.5);
            clock.Split(2500, segments: 2);
            Assert.Null(connection.Problem);
            Assert.Equal(8, connection.CommandsSent);
        }

        Assert.Equal(
            ["starttimer", "initgametime", "pausegametime", "setgametime 0:01:01.250", "split", "unpausegametime",
             "setgametime 0:01:31.750", "split"],
            ReadLines(server));
    }

    [Fact]
    public void Connect_NothingListening_OneLineSayingHowToFixIt()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var e = Assert.Throws<LiveSplitUnavailableException>(
            () => LiveSplitConnection.Connect(new LiveSplitAddress("127.0.0.1", port), TimeSpan.FromSeconds(2)));

        Assert.StartsWith($"cannot reach LiveSplit Server at 127.0.0.1:{port} (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Send_ServerGone_ReportedOnceAndTheRunGoesOn()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var address = new LiveSplitAddress("127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
        using var connection = LiveSplitConnection.Connect(address, TimeSpan.FromSeconds(5));
        using (var accepted = server.AcceptTcpClient())
        {
            accepted.Client.LingerState = new LingerOption(true, 0);
        }

        server.Stop();
        var clock = new SpeedrunClock(_time);
        clock.Subscribe(connection);
        clock.Start();
        for (int i = 0; i < 50 && connection.Problem is null; i++)
        {
            // A reset peer is noticed on a later write, not always the first.
            clock.EnterLoad();
            clock.LeaveLoad();
            Thread.Sleep(10);
        }

        Assert.NotNull(connection.Problem);
        Assert.Equal(SpeedrunState.Running, clock.State);
    }

    [Theory]
    [InlineData("localhost:16834", "localhost", 16834)]
    [InlineData("127.0.0.1", "127.0.0.1", 16834)]
    [InlineData("[::1]:9000", "::1", 9000)]
    public void TryParse_GoodAddress_HostAndPort(string text, string host, int port)
    {
        Assert.Equal(new LiveSplitAddress(host, port), LiveSplitAddress.TryParse(text, out _));
    }

    [Theory]
    [InlineData("localhost:0")]
    [InlineData("localhost:70000")]
    [InlineData(":16834")]
    [InlineData("[::1")]
    [InlineData("host:port")]
    public void TryParse_BadAddress_NullWithAReason(string text)
    {
        Assert.Null(LiveSplitAddress.TryParse(text, out var reason));
        Assert.StartsWith($"'{text}' is not a LiveSplit address: expected", reason, StringComparison.Ordinal);
    }

    private static List<string> ReadLines(TcpListener server)
    {
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
