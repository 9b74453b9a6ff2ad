using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace VmQuest.Speedrun;

/// <summary>
/// Drives LiveSplit live over LiveSplit Server's text protocol (one command per line, TCP): VmQuest's real time
/// is LiveSplit's Real Time and its load-removed time LiveSplit's Game Time. Cycles stay in VmQuest's own records.
/// </summary>
/// <remarks>
/// What it sends: <c>starttimer</c> and <c>initgametime</c> when the run starts; <c>pausegametime</c> /
/// <c>unpausegametime</c> around menus, briefings, results and loading (so LiveSplit's Game Time is the
/// load-removed time); <c>setgametime T</c> then <c>split</c> at each split, so the split carries VmQuest's exact
/// figure whatever drift the pauses had; <c>reset</c> when the run is abandoned. It never waits for an answer.
/// A failure to send (LiveSplit closed) is reported once through <see cref="Problem"/> and later commands are
/// dropped: the game goes on, the run is still timed and recorded by VmQuest itself.
/// </remarks>
public sealed class LiveSplitConnection : ISpeedrunListener, IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private LiveSplitConnection(TcpClient client, LiveSplitAddress address)
    {
        _client = client;
        _stream = client.GetStream();
        Address = address;
    }

    /// <summary>Where the connection goes.</summary>
    public LiveSplitAddress Address { get; }

    /// <summary>Why commands are no longer sent (one line), or <c>null</c> while the connection works.</summary>
    public string? Problem { get; private set; }

    /// <summary>Every command sent so far, in order (shown by the game's status line; tests read it too).</summary>
    public int CommandsSent { get; private set; }

    /// <summary>Connects, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="LiveSplitUnavailableException">Nothing answered at the address in time.</exception>
    public static LiveSplitConnection Connect(LiveSplitAddress address, TimeSpan timeout)
    {
        var client = new TcpClient { NoDelay = true, SendTimeout = (int)Math.Min(timeout.TotalMilliseconds, int.MaxValue) };
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            client.ConnectAsync(address.Host, address.Port, cancel.Token).AsTask().GetAwaiter().GetResult();
            return new LiveSplitConnection(client, address);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            client.Dispose();
            var why = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message;
            throw new LiveSplitUnavailableException(
                $"cannot reach LiveSplit Server at {address} ({why}); start it in LiveSplit (Control → Start TCP Server) or leave out --livesplit");
        }
    }

    /// <inheritdoc/>
    public void Started()
    {
        Send("starttimer");
        Send("initgametime");
    }

    /// <inheritdoc/>
    public void LoadStarted() => Send("pausegametime");

    /// <inheritdoc/>
    public void LoadEnded() => Send("unpausegametime");

    /// <inheritdoc/>
    public void Split(int index, SplitTime cumulative)
    {
        Send("setgametime " + Format(cumulative.LoadRemovedTime));
        Send("split");
    }

    /// <inheritdoc/>
    public void Reset() => Send("reset");

    /// <summary>A time as LiveSplit Server reads it: hours:minutes:seconds with milliseconds.</summary>
    public static string Format(TimeSpan time) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(long)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private void Send(string command)
    {
        if (Problem is not null)
        {
            return;
        }

        try
        {
            _stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
            CommandsSent++;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Problem = $"LiveSplit Server at {Address} stopped listening ({e.Message}); the run is still timed and recorded here";
        }
    }
}
