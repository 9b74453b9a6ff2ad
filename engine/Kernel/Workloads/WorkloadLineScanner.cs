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
    private readonly string file;
    private readonly string text;
    private int pos;
    private WorkloadToken? peeked;

    public WorkloadLineScanner(string file, int line, string text)
    {
        this.file = file;
        Line = line;
        this.text = text;
    }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>The next token, without consuming it.</summary>
    public WorkloadToken Peek() => peeked ??= Scan();

    /// <summary>Consumes and returns the next token.</summary>
    public WorkloadToken Next()
    {
        var token = Peek();
        peeked = null;
        return token;
    }

    /// <summary>
    /// Reads a raw word (up to whitespace) or a double-quoted string (with <c>\"</c> and <c>\\</c> escapes);
    /// null at the end of the line or at a comment. A token already peeked is un-read first.
    /// </summary>
    public string? ReadWord(out int column)
    {
        if (peeked is { } p)
        {
            pos = p.Column - 1;
            peeked = null;
        }

        SkipSpace();
        column = pos + 1;
        if (pos >= text.Length || text[pos] == '#')
        {
            return null;
        }

        return text[pos] == '"' ? ReadQuoted() : ReadBare();
    }

    /// <summary>
    /// Consumes <paramref name="literal"/> when it follows the last token directly (no space) and is not itself
    /// followed by an identifier character; used for the one hyphenated keyword, <c>exec-fetch</c>.
    /// </summary>
    public bool TryConsumeAttached(string literal)
    {
        int end = pos + literal.Length;
        if (peeked is not null || end > text.Length || string.CompareOrdinal(text, pos, literal, 0, literal.Length) != 0
            || (end < text.Length && WorkloadSyntax.IsIdentifierPart(text[end])))
        {
            return false;
        }

        pos = end;
        return true;
    }

    /// <summary>Creates an error at a column of this line.</summary>
    public WorkloadParseException Error(int column, string expected, string found) => new(file, Line, column, expected, found);

    /// <summary>Creates a free-form error at a column of this line.</summary>
    public WorkloadParseException Fail(int column, string description) => new(file, Line, column, description);

    private string ReadBare()
    {
        int start = pos;
        while (pos < text.Length && text[pos] is not (' ' or '\t'))
        {
            if (text[pos] == '"')
            {
                throw Fail(pos + 1, "a quote can only start a word; put the whole word in quotes");
            }

            pos++;
        }

        return CheckLength(text[start..pos], start + 1);
    }

    private string ReadQuoted()
    {
        int start = pos++;
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (pos >= text.Length)
            {
                throw Fail(start + 1, "this quoted string has no closing quote");
            }

            char c = text[pos++];
            if (c == '"')
            {
                break;
            }

            if (c == '\\')
            {
                if (pos >= text.Length || text[pos] is not ('"' or '\\'))
                {
                    throw Error(pos, "\\\" or \\\\ after a backslash", pos < text.Length ? text.Substring(pos - 1, 2) : "\\");
                }

                c = text[pos++];
            }

            sb.Append(c);
        }

        if (pos < text.Length && text[pos] is not (' ' or '\t' or '#'))
        {
            throw Error(pos + 1, "a space after the closing quote", text[pos].ToString());
        }

        return CheckLength(sb.ToString(), start + 1);
    }

    private string CheckLength(string word, int column) =>
        word.Length <= WorkloadSyntax.MaxWordLength
            ? word
            : throw Fail(column, $"this word is longer than {WorkloadSyntax.MaxWordLength} characters");

    private void SkipSpace()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t')
        {
            pos++;
        }
    }

    private WorkloadToken Scan()
    {
        SkipSpace();
        int column = pos + 1;
        if (pos >= text.Length || text[pos] == '#')
        {
            pos = text.Length;
            return new WorkloadToken(WorkloadTokenKind.EndOfLine, column, string.Empty, 0);
        }

        char c = text[pos];
        if (WorkloadSyntax.IsIdentifierStart(c))
        {
            int start = pos;
            while (pos < text.Length && WorkloadSyntax.IsIdentifierPart(text[pos]))
            {
                pos++;
            }

            string name = CheckLength(text[start..pos], column);
            return new WorkloadToken(WorkloadTokenKind.Identifier, column, name, 0);
        }

        if (c is >= '0' and <= '9')
        {
            return ScanNumber();
        }

        if (c == '.' && pos + 1 < text.Length && text[pos + 1] == '.')
        {
            pos += 2;
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
        pos++;
        return new WorkloadToken(kind, column, c.ToString(), 0);
    }

    private string UnexpectedText() =>
        char.IsHighSurrogate(text[pos]) && pos + 1 < text.Length ? text.Substring(pos, 2) : text[pos].ToString();

    private WorkloadToken ScanNumber()
    {
        int start = pos;
        int column = pos + 1;
        ulong value = 0;
        bool overflow = false;
        bool hex = text[pos] == '0' && pos + 1 < text.Length && text[pos + 1] is 'x' or 'X';
        if (hex)
        {
            pos += 2;
            int digits = pos;
            while (pos < text.Length && char.IsAsciiHexDigit(text[pos]))
            {
                overflow |= value > ulong.MaxValue >> 4;
                value = (value << 4) | HexValue(text[pos]);
                pos++;
            }

            if (pos == digits)
            {
                throw Error(column, "hex digits after '0x'", RunFrom(start));
            }
        }
        else
        {
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                ulong digit = (ulong)(text[pos] - '0');
                overflow |= value > (ulong.MaxValue - digit) / 10;
                value = unchecked((value * 10) + digit);
                pos++;
            }
        }

        int shift = pos < text.Length ? text[pos] switch { 'K' or 'k' => 10, 'M' or 'm' => 20, 'G' or 'g' => 30, _ => 0 } : 0;
        if (shift != 0)
        {
            overflow |= value > ulong.MaxValue >> shift;
            value <<= shift;
            pos++;
        }

        if (pos < text.Length && WorkloadSyntax.IsIdentifierPart(text[pos]))
        {
            throw Error(column, "a number (decimal or 0x hex, optionally followed by K, M or G)", RunFrom(start));
        }

        string literal = text[start..pos];
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
        while (end < text.Length && WorkloadSyntax.IsIdentifierPart(text[end]))
        {
            end++;
        }

        return text[start..end];
    }
}
