namespace VmQuest.Play.Policy.Language;

/// <summary>What a token of the rule language is.</summary>
public enum PolicyTokenKind
{
    /// <summary>A name: a keyword, a field of the page, or a register.</summary>
    Name,

    /// <summary>A non-negative decimal integer.</summary>
    Number,

    /// <summary>An operator or punctuation: <c>: ; = ( ) + - * / % &lt; &lt;= &gt; &gt;= == !=</c>.</summary>
    Symbol,

    /// <summary>The end of a line (statements end there).</summary>
    NewLine,

    /// <summary>The end of the text.</summary>
    End,
}

/// <summary>One token with the 1-based line and column it starts at (for FILE:LINE:COL errors).</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">Its text (empty for the end; "\n" for a new line).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Value">The value of an integer token, else 0.</param>
public readonly record struct PolicyToken(PolicyTokenKind Kind, string Text, int Line, int Column, long Value = 0)
{
    /// <summary>True when this is the symbol or name <paramref name="text"/>.</summary>
    public bool Is(string text) => Kind is PolicyTokenKind.Symbol or PolicyTokenKind.Name && Text == text;

    /// <summary>How the token reads in a message: quoted text, or "the end of the line" / "the end of the policy".</summary>
    public string Describe() => Kind switch
    {
        PolicyTokenKind.NewLine => "the end of the line",
        PolicyTokenKind.End => "the end of the policy",
        _ => "\"" + Text + "\"",
    };

    /// <summary><see cref="Describe"/> in Chinese.</summary>
    public string DescribeZh() => Kind switch
    {
        PolicyTokenKind.NewLine => "行尾",
        PolicyTokenKind.End => "策略的末尾",
        _ => "\"" + Text + "\"",
    };
}
