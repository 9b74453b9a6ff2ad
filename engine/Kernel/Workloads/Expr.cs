namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// An address or integer expression: literals, symbols, unary minus and <c>+ - *</c>. Immutable; equality is
/// structural and includes positions. Parentheses leave no node (the tree already says how it groups).
/// </summary>
/// <param name="Position">Where the expression starts (for a binary expression: its operator).</param>
public abstract record Expr(SourcePosition Position);

/// <summary>An integer literal (decimal, <c>0x</c> hex, optional <c>K</c>/<c>M</c>/<c>G</c> size suffix).</summary>
/// <param name="Position">Where the literal starts.</param>
/// <param name="Value">
/// The 64-bit value. Hex literals are bit patterns, so <c>0xffff800000000000</c> (a kernel-half address) is
/// negative here; the kernel reads addresses as unsigned.
/// </param>
public sealed record IntLiteral(SourcePosition Position, long Value) : Expr(Position);

/// <summary>A name: a region (<c>text data bss heap stack mmap</c>), a bound variable, or a loop variable.</summary>
/// <param name="Position">Where the name starts.</param>
/// <param name="Name">The identifier, case-sensitive.</param>
public sealed record SymbolRef(SourcePosition Position, string Name) : Expr(Position);

/// <summary>Unary minus.</summary>
/// <param name="Position">Where the minus sign is.</param>
/// <param name="Operand">The negated expression.</param>
public sealed record NegateExpr(SourcePosition Position, Expr Operand) : Expr(Position);

/// <summary>A binary operation; <c>*</c> binds tighter than <c>+</c> and <c>-</c>, all associate to the left.</summary>
/// <param name="Position">Where the operator is.</param>
/// <param name="Operator">The operation.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record BinaryExpr(SourcePosition Position, BinaryOperator Operator, Expr Left, Expr Right) : Expr(Position);

/// <summary>The binary operators of the expression language.</summary>
public enum BinaryOperator
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,
}
