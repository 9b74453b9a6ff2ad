namespace VmQuest.Play.Policy.Language;

/// <summary>An expression of the rule language; every value is a 64-bit integer (a test is 1 for true, 0 for false).</summary>
/// <param name="Line">1-based line where it starts.</param>
/// <param name="Column">1-based column where it starts.</param>
public abstract record PolicyExpr(int Line, int Column);

/// <summary>An integer literal.</summary>
public sealed record PolicyLiteral(int Line, int Column, long Value) : PolicyExpr(Line, Column);

/// <summary>A read-only fact about the page being looked at (<see cref="PolicyNames.Fields"/>).</summary>
public sealed record PolicyFieldRead(int Line, int Column, PolicyField Field) : PolicyExpr(Line, Column);

/// <summary>A read of one of the page's registers (0 until the policy sets it).</summary>
public sealed record PolicyRegisterRead(int Line, int Column, int Register, string Name) : PolicyExpr(Line, Column);

/// <summary>A binary operation; <see cref="Operator"/> is its symbol or <c>and</c>/<c>or</c>.</summary>
public sealed record PolicyBinary(int Line, int Column, string Operator, PolicyExpr Left, PolicyExpr Right) : PolicyExpr(Line, Column);

/// <summary>A unary operation: <c>-</c> or <c>not</c>.</summary>
public sealed record PolicyUnary(int Line, int Column, string Operator, PolicyExpr Operand) : PolicyExpr(Line, Column);

/// <summary>A statement of a handler's body.</summary>
/// <param name="Line">1-based line where it starts.</param>
/// <param name="Column">1-based column where it starts.</param>
public abstract record PolicyStatement(int Line, int Column);

/// <summary><c>REGISTER = EXPR</c>: sets the page's register.</summary>
public sealed record PolicyAssign(int Line, int Column, int Register, PolicyExpr Value) : PolicyStatement(Line, Column);

/// <summary><c>clear accessed</c>: clears the accessed bit in the page's PTE (and drops its TLB entry, as Linux's <c>ptep_clear_flush_young</c>).</summary>
public sealed record PolicyClearAccessed(int Line, int Column) : PolicyStatement(Line, Column);

/// <summary><c>evict</c>: the page being looked at is the victim (only in <c>on evict</c>).</summary>
public sealed record PolicyEvict(int Line, int Column) : PolicyStatement(Line, Column);

/// <summary><c>skip</c>: done with this page; go on to the next one.</summary>
public sealed record PolicySkip(int Line, int Column) : PolicyStatement(Line, Column);

/// <summary><c>if EXPR: STATEMENT; …</c>: the statements run only when the test is not 0.</summary>
public sealed record PolicyIf(int Line, int Column, PolicyExpr Test, IReadOnlyList<PolicyStatement> Then) : PolicyStatement(Line, Column);
