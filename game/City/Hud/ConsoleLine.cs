namespace VmQuest.City.Hud;

/// <summary>
/// The sandbox console's line editor: what is typed, the history (↑ / ↓ walk it, newest first) and the last
/// result. Plain state with the editing rules; the view feeds it keys and draws it (<see cref="ConsolePanel"/>).
/// </summary>
public sealed class ConsoleLine
{
    /// <summary>Longest line accepted (a workload line is short; this bounds what one keeps typing).</summary>
    public const int MaxLength = 200;

    private readonly List<string> _history = [];
    private int _recalled = -1;

    /// <summary>Whether the console is open (its keys then go to the line, not to the city).</summary>
    public bool IsOpen { get; private set; }

    /// <summary>What is typed so far.</summary>
    public string Typed { get; private set; } = "";

    /// <summary>What the last line did, or why it failed, in one line; null before the first.</summary>
    public string? Result { get; set; }

    /// <summary>The lines run so far, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>Opens the console with an empty line.</summary>
    public void Open()
    {
        IsOpen = true;
        Typed = "";
        _recalled = -1;
    }

    /// <summary>Closes it; what was typed is dropped.</summary>
    public void Close()
    {
        IsOpen = false;
        Typed = "";
    }

    /// <summary>Appends typed text (control characters are dropped, the line is cut at <see cref="MaxLength"/>).</summary>
    public void Type(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!char.IsControl(c) && Typed.Length < MaxLength)
            {
                Typed += c;
            }
        }
    }

    /// <summary>Deletes the last character.</summary>
    public void Backspace()
    {
        if (Typed.Length > 0)
        {
            Typed = Typed[..^1];
        }
    }

    /// <summary>Returns the line to run and clears it, keeping it in the history (an empty line is not run: null).</summary>
    public string? Submit()
    {
        var line = Typed.Trim();
        Typed = "";
        _recalled = -1;
        if (line.Length == 0)
        {
            return null;
        }

        if (_history.Count == 0 || _history[^1] != line)
        {
            _history.Add(line);
        }

        return line;
    }

    /// <summary>↑ (<paramref name="older"/>) or ↓: the previous or next line of the history; past the newest, an empty line.</summary>
    public void Recall(bool older)
    {
        if (_history.Count == 0)
        {
            return;
        }

        _recalled = older
            ? (_recalled < 0 ? _history.Count - 1 : Math.Max(0, _recalled - 1))
            : (_recalled < 0 ? -1 : _recalled + 1);
        if (_recalled >= _history.Count)
        {
            _recalled = -1;
        }

        Typed = _recalled < 0 ? "" : _history[_recalled];
    }
}
