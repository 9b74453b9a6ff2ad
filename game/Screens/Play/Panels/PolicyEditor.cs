using System.Text;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// The policy panel's text editor: lines of text and a cursor, edited by typing, Backspace, Delete, Enter, Tab
/// and the arrows. Pure view state (no drawing, no session). Invariants: at least one line; the cursor is on a line
/// and at most at its end; the text never exceeds <see cref="MaxBytes"/> UTF-8 bytes (typing past it is ignored).
/// </summary>
public sealed class PolicyEditor(string text, int maxBytes)
{
    private readonly List<string> _lines = [.. text.Replace("\r", "", StringComparison.Ordinal).Split('\n')];

    /// <summary>Most UTF-8 bytes the text may have.</summary>
    public int MaxBytes { get; } = maxBytes;

    /// <summary>The lines (no line ends).</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The cursor's line (0-based).</summary>
    public int Line { get; private set; }

    /// <summary>The cursor's column (0-based, in characters).</summary>
    public int Column { get; private set; }

    /// <summary>How many edits have changed the text (the panel recompiles when it changes).</summary>
    public int Version { get; private set; }

    /// <summary>The whole text, lines joined with line ends.</summary>
    public string Text => string.Join('\n', _lines);

    /// <summary>Inserts <paramref name="typed"/> at the cursor (line ends in it start new lines; other control characters are dropped).</summary>
    public void Insert(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        foreach (var c in typed)
        {
            if (c == '\n')
            {
                NewLine();
            }
            else if (!char.IsControl(c) && Fits(c.ToString()))
            {
                _lines[Line] = _lines[Line].Insert(Column, c.ToString());
                Column++;
                Version++;
            }
        }
    }

    /// <summary>Splits the line at the cursor, keeping the line's indentation on the new one.</summary>
    public void NewLine()
    {
        var line = _lines[Line];
        var indent = new string(' ', line.Length - line.TrimStart(' ').Length);
        if (!Fits("\n" + indent))
        {
            return;
        }

        _lines[Line] = line[..Column];
        _lines.Insert(Line + 1, indent + line[Column..]);
        Line++;
        Column = indent.Length;
        Version++;
    }

    /// <summary>Deletes the character before the cursor (joining lines at a line's start).</summary>
    public void Backspace()
    {
        if (Column > 0)
        {
            _lines[Line] = _lines[Line].Remove(Column - 1, 1);
            Column--;
            Version++;
        }
        else if (Line > 0)
        {
            Column = _lines[Line - 1].Length;
            _lines[Line - 1] += _lines[Line];
            _lines.RemoveAt(Line);
            Line--;
            Version++;
        }
    }

    /// <summary>Deletes the character after the cursor (joining the next line at a line's end).</summary>
    public void Delete()
    {
        if (Column < _lines[Line].Length)
        {
            _lines[Line] = _lines[Line].Remove(Column, 1);
            Version++;
        }
        else if (Line + 1 < _lines.Count)
        {
            _lines[Line] += _lines[Line + 1];
            _lines.RemoveAt(Line + 1);
            Version++;
        }
    }

    /// <summary>Moves the cursor by <paramref name="columns"/> characters, wrapping across lines.</summary>
    public void MoveHorizontally(int columns)
    {
        for (; columns < 0; columns++)
        {
            if (Column > 0)
            {
                Column--;
            }
            else if (Line > 0)
            {
                Line--;
                Column = _lines[Line].Length;
            }
        }

        for (; columns > 0; columns--)
        {
            if (Column < _lines[Line].Length)
            {
                Column++;
            }
            else if (Line + 1 < _lines.Count)
            {
                Line++;
                Column = 0;
            }
        }
    }

    /// <summary>Moves the cursor <paramref name="lines"/> lines up (negative) or down, keeping the column where it can.</summary>
    public void MoveVertically(int lines) => MoveTo(Line + lines, Column);

    /// <summary>Moves the cursor to the start (<paramref name="end"/> false) or end of its line.</summary>
    public void MoveToLineEdge(bool end) => Column = end ? _lines[Line].Length : 0;

    /// <summary>Puts the cursor at <paramref name="line"/>, <paramref name="column"/>, clamped to the text.</summary>
    public void MoveTo(int line, int column)
    {
        Line = Math.Clamp(line, 0, _lines.Count - 1);
        Column = Math.Clamp(column, 0, _lines[Line].Length);
    }

    private bool Fits(string more) => Encoding.UTF8.GetByteCount(Text) + Encoding.UTF8.GetByteCount(more) <= MaxBytes;
}
