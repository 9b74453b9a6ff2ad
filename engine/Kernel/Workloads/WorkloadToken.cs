namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>The kinds of token inside one line of a workload script.</summary>
internal enum WorkloadTokenKind
{
    EndOfLine,
    Identifier,
    Integer,
    Plus,
    Minus,
    Star,
    LeftParen,
    RightParen,
    Equals,
    DotDot,
}

/// <summary>One token: its kind, 1-based column, source text and, for integers, value.</summary>
internal readonly record struct WorkloadToken(WorkloadTokenKind Kind, int Column, string Text, long Value)
{
    public bool IsWord(string word) => Kind == WorkloadTokenKind.Identifier && string.Equals(Text, word, StringComparison.Ordinal);
}
