namespace VmQuest.Play.Policy.Language;

/// <summary>
/// Splits a policy text into tokens: names (<c>[a-z_][a-z0-9_]*</c>, lower case), decimal integers, symbols and
/// line ends; <c>#</c> starts a comment that runs to the end of its line; blank lines give no token. The text is
/// limited to <see cref="MaxLength"/> characters so a decision's cost stays bounded.
/// </summary>
public static class PolicyLexer
{
    /// <summary>Most characters a policy may have.</summary>
    public const int MaxLength = PolicyText.MaxBytes;

    private static readonly string[] TwoCharSymbols = ["<=", ">=", "==", "!="];
    private const string OneCharSymbols = ":;=()+-*/%<>";

    /// <summary>The tokens of <paramref name="text"/>, ending with one <see cref="PolicyTokenKind.End"/>.</summary>
    /// <exception cref="PolicySyntaxException">A character no token starts with, an integer too large, or a text too long.</exception>
    public static IReadOnlyList<PolicyToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new PolicySyntaxException(1, 1, $"a policy has at most {MaxLength} characters; this one has {text.Length}", $"策略最多 {MaxLength} 个字符；这个有 {text.Length} 个");
        }

        var tokens = new List<PolicyToken>();
        int line = 1, lineStart = 0, i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int column = i - lineStart + 1;
            if (c == '\n')
            {
                // Blank lines and comment-only lines end no statement.
                if (tokens.Count > 0 && tokens[^1].Kind != PolicyTokenKind.NewLine)
                {
                    tokens.Add(new PolicyToken(PolicyTokenKind.NewLine, "\n", line, column));
                }

                i++;
                line++;
                lineStart = i;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is (>= 'a' and <= 'z') or '_')
            {
                int start = i;
                while (i < text.Length && text[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
                {
                    i++;
                }

                tokens.Add(new PolicyToken(PolicyTokenKind.Name, text[start..i], line, column));
            }
            else if (c is >= '0' and <= '9')
            {
                int start = i;
                long value = 0;
                while (i < text.Length && text[i] is >= '0' and <= '9')
                {
                    if (value > (long.MaxValue - (text[i] - '0')) / 10)
                    {
                        throw new PolicySyntaxException(line, column, "expected an integer below 2^63", "这里应当是小于 2^63 的整数");
                    }

                    value = (value * 10) + (text[i] - '0');
                    i++;
                }

                tokens.Add(new PolicyToken(PolicyTokenKind.Number, text[start..i], line, column, value));
            }
            else if (i + 1 < text.Length && Array.IndexOf(TwoCharSymbols, text.Substring(i, 2)) >= 0)
            {
                tokens.Add(new PolicyToken(PolicyTokenKind.Symbol, text.Substring(i, 2), line, column));
                i += 2;
            }
            else if (OneCharSymbols.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new PolicyToken(PolicyTokenKind.Symbol, c.ToString(), line, column));
                i++;
            }
            else
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                var why = c is >= 'A' and <= 'Z'
                    ? $"names are lower case, found \"{shown}\""
                    : $"expected a name, a number, an operator or '#', found \"{shown}\"";
                var whyZh = c is >= 'A' and <= 'Z'
                    ? $"名字都是小写的，这里却是 \"{shown}\""
                    : $"这里应当是名字、数字、运算符或 '#'，却是 \"{shown}\"";
                throw new PolicySyntaxException(line, column, why, whyZh);
            }
        }

        if (tokens.Count > 0 && tokens[^1].Kind != PolicyTokenKind.NewLine)
        {
            tokens.Add(new PolicyToken(PolicyTokenKind.NewLine, "\n", line, i - lineStart + 1));
        }

        tokens.Add(new PolicyToken(PolicyTokenKind.End, "", line, i - lineStart + 1));
        return tokens;
    }
}
