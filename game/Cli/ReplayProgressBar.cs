using System.Globalization;

namespace VmQuest.Cli;

/// <summary>
/// The progress of a long trace replay on stderr: nothing for the first second (a short replay prints no bar),
/// then one line redrawn in place, <c>[#####-----]  42%  512,000 / 1,211,600 references</c>, and erased when the
/// replay ends so the report starts on a clean line. The caller enables it only for a terminal and never with
/// <c>--json</c>.
/// </summary>
internal sealed class ReplayProgressBar
{
    /// <summary>How long a replay runs before the bar appears.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private const int Width = 30;
    private readonly TextWriter _error;
    private readonly Func<TimeSpan> _elapsed;
    private int _drawnPermille = -1;
    private int _drawnLength;

    /// <summary>A bar on <paramref name="error"/>; <paramref name="elapsed"/> is the time since the replay started.</summary>
    public ReplayProgressBar(TextWriter error, Func<TimeSpan> elapsed)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(elapsed);
        _error = error;
        _elapsed = elapsed;
    }

    /// <summary>Whether a bar belongs on this stderr: a terminal, and not a <c>--json</c> run (whose stderr a script may read).</summary>
    public static bool Wanted(bool json) => !json && !Console.IsErrorRedirected;

    /// <summary>Redraws the bar for <paramref name="done"/> of <paramref name="total"/> references, once past the delay and only when the tenth of a percent shown changes.</summary>
    public void Report(long done, long total)
    {
        if (total <= 0 || _elapsed() < Delay)
        {
            return;
        }

        var permille = (int)Math.Min(1000, done * 1000 / total);
        if (permille == _drawnPermille)
        {
            return;
        }

        var filled = permille * Width / 1000;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', Width - filled)}] {permille / 10.0,5:F1}%  {done:N0} / {total:N0} references");
        _error.Write('\r' + line.PadRight(_drawnLength));
        _error.Flush();
        _drawnPermille = permille;
        _drawnLength = line.Length;
    }

    /// <summary>Erases the bar, if one was drawn.</summary>
    public void Finish()
    {
        if (_drawnLength == 0)
        {
            return;
        }

        _error.Write('\r' + new string(' ', _drawnLength) + '\r');
        _error.Flush();
        _drawnLength = 0;
        _drawnPermille = -1;
    }
}
