namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Splits one line of a script into tokens. Two modes, chosen by the parser: expression tokens
/// (<see cref="Peek"/>/<see cref="Next"/>) and raw words for paths and arguments (<see cref="ReadWord"/>), since a
/// path such as <c>/bin/ls</c> is not made of expression tokens. A <c>#</c> starts a comment to the end of the
/// line (in word mode only at the start of a word, so <c>a#b</c> is one argument).
/// </summary>
/// <remarks>The line has already been checked to hold no control characters other than tab.</remarks>
internal sealed class WorkloadLineScanner
{
    private readonly string _file;
    private readonly string _text;
    private int _pos;
    private WorkloadToken? _peeked;

    public WorkloadLineScanner(string file, int line, string text)
    {
        _file = file;
        Line = line;
        _text = text;
    }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>The next token, without consuming it.</summary>
    public WorkloadToken Peek() => _peeked ??= Scan();

    /// <summary>Consumes and returns the next token.</summary>
    public WorkloadToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>
    /// Reads a raw word (up to whitespace) or a double-quoted string (with <c>\"</c> and <c>\\</c> escapes);
    /// null at the end of the line or at a comment. A token already peeked is un-read first.
    /// </summary>
    public string? ReadWord(out int column)
    {
        if (_peeked is { } p)
        {
            _pos = p.Column - 1;
            _peeked = null;
        }

        SkipSpace();
        column = _pos + 1;
        if (_pos >= _text.Length || _text[_pos] == '#')
        {
            return null;
        }

        return _text[_pos] == '"' ? ReadQuoted() : ReadBare();
    }

    /// <summary>
    /// Consumes <paramref name="literal"/> when it follows the last token directly (no space) and is not itself
    /// followed by an identifier character; used for the one hyphenated keyword, <c>exec-fetch</c>.
    /// </summary>
    public bool TryConsumeAttached(string literal)
    {
        int end = _pos + literal.Length;
        if (_peeked is not null || end > _text.Length || string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0
            || (end < _text.Length && WorkloadSyntax.IsIdentifierPart(_text[end])))
        {
            return false;
        }

        _pos = end;
        return true;
    }

    /// <summary>Creates an error at a column of this line.</summary>
    public WorkloadParseException Error(int column, string expected, string found) => new(_file, Line, column, expected, found);

    /// <summary>Creates a free-form error at a column of this line.</summary>
    public WorkloadParseException Fail(int column, string description) => new(_file, Line, column, description);

    private string ReadBare()
    {
        int start = _pos;
        while (_pos < _text.Length && _text[_pos] is not (' ' or '\t'))
        {
            if (_text[_pos] == '"')
            {
                throw Fail(_pos + 1, "a quote can only start a word; put the whole word in quotes");
            }

            _pos++;
        }

        return CheckLength(_text[start.._pos], start + 1);
    }

    private string ReadQuoted()
    {
        int start = _pos++;
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Fail(start + 1, "this quoted string has no closing quote");
            }

            char c = _text[_pos++];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                if (_pos >= _text.Length || _text[_pos] is not ('"' or '\\'))
                {
                    throw Error(_pos, "\\\" or \\\\ after a backslash", _pos < _text.Length ? _text.Substring(_pos - 1, 2) : "\\");
                }

                c = _text[_pos++];
            }

            sb.Append(c);
        }

        if (_pos < _text.Length && _text[_pos] is not (' ' or '\t' or '#'))
        {
            throw Error(_pos + 1, "a space after the closing quote", _text[_pos].ToString());
        }

        return CheckLength(sb.ToString(), start + 1);
    }

    private string CheckLength(string word, int column) =>
        word.Length <= WorkloadSyntax.MaxWordLength
            ? word
            : throw Fail(column, $"this word is longer than {WorkloadSyntax.MaxWordLength} characters");

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private WorkloadToken Scan()
    {
        SkipSpace();
        int column = _pos + 1;
        if (_pos >= _text.Length || _text[_pos] == '#')
        {
            _pos = _text.Length;
            return new WorkloadToken(WorkloadTokenKind.EndOfLine, column, string.Empty, 0);
        }

        char c = _text[_pos];
        if (WorkloadSyntax.IsIdentifierStart(c))
        {
            int start = _pos;
            while (_pos < _text.Length && WorkloadSyntax.IsIdentifierPart(_text[_pos]))
            {
                _pos++;
            }

            string name = CheckLength(_text[start.._pos], column);
            return new WorkloadToken(WorkloadTokenKind.Identifier, column, name, 0);
        }

        if (c is >= '0' and <= '9')
        {
            return ScanNumber();
        }

        if (c == '.' && _pos + 1 < _text.Length && _text[_pos + 1] == '.')
        {
            _pos += 2;
            return new WorkloadToken(WorkloadTokenKind.DotDot, column, "..", 0);
        }

        var kind = c switch
        {
            '+' => WorkloadTokenKind.Plus,
            '-' => WorkloadTokenKind.Minus,
            '*' => WorkloadTokenKind.Star,
            '(' => WorkloadTokenKind.LeftParen,
            ')' => WorkloadTokenKind.RightParen,
            '=' => WorkloadTokenKind.Equals,
            _ => throw Fail(column, $"unexpected character '{UnexpectedText()}'"),
        };
        _pos++;
        return new WorkloadToken(kind, column, c.ToString(), 0);
    }

    private string UnexpectedText() =>
        char.IsHighSurrogate(_text[_pos]) && _pos + 1 < _text.Length ? _text.Substring(_pos, 2) : _text[_pos].ToString();

    private WorkloadToken ScanNumber()
    {
        int start = _pos;
        int column = _pos + 1;
        ulong value = 0;
        bool overflow = false;
        bool hex = _text[_pos] == '0' && _pos + 1 < _text.Length && _text[_pos + 1] is 'x' or 'X';
        if (hex)
        {
            _pos += 2;
            int digits = _pos;
            while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos]))
            {
                overflow |= value > ulong.MaxValue >> 4;
                value = (value << 4) | HexValue(_text[_pos]);
                _pos++;
            }

            if (_pos == digits)
            {
                throw Error(column, "hex digits after '0x'", RunFrom(start));
            }
        }
        else
        {
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                ulong digit = (ulong)(_text[_pos] - '0');
                overflow |= value > (ulong.MaxValue - digit) / 10;
                value = unchecked((value * 10) + digit);
                _pos++;
            }
        }

        int shift = _pos < _text.Length ? _text[_pos] switch { 'K' or 'k' => 10, 'M' or 'm' => 20, 'G' or 'g' => 30, _ => 0 } : 0;
        if (shift != 0)
        {
            overflow |= value > ulong.MaxValue >> shift;
            value <<= shift;
            _pos++;
        }

        if (_pos < _text.Length && WorkloadSyntax.IsIdentifierPart(_text[_pos]))
        {
            throw Error(column, "a number (decimal or 0x hex, optionally followed by K, M or G)", RunFrom(start));
        }

        string literal = _text[start.._pos];
        if (overflow || (!hex && value > long.MaxValue))
        {
            throw Fail(column, $"the number {Shorten(literal)} does not fit in 64 bits");
        }

        return new WorkloadToken(WorkloadTokenKind.Integer, column, literal, unchecked((long)value));
    }

    private static ulong HexValue(char c) => (ulong)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);

    private static string Shorten(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");

    private string RunFrom(int start)
    {
        int end = start;
        while (end < _text.Length && WorkloadSyntax.IsIdentifierPart(_text[end]))
        {
            end++;
        }

        return _text[start..end];
    }
}
