namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>Looks up a symbol's value; returns false when the name is unknown.</summary>
/// <param name="name">The symbol, e.g. <c>heap</c> or a variable name.</param>
/// <param name="value">Its value when found.</param>
public delegate bool WorkloadSymbolResolver(string name, out long value);

/// <summary>
/// Evaluates expressions: signed 64-bit integers, checked arithmetic, no floating point, no side effects.
/// Same expression and same symbol values ⇒ same result, on every platform.
/// </summary>
public static class WorkloadEvaluator
{
    /// <summary>Evaluates <paramref name="expr"/> with symbols from a dictionary.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="symbols">Symbol values by name (ordinal, case-sensitive).</param>
    /// <param name="file">The script's name, for error messages.</param>
    /// <exception cref="WorkloadEvaluationException">A symbol is unknown, or the arithmetic overflows 64 bits; the
    /// error points at the symbol or operator.</exception>
    public static long Evaluate(Expr expr, IReadOnlyDictionary<string, long> symbols, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return Evaluate(expr, symbols.TryGetValue, file);
    }

    /// <summary>Evaluates <paramref name="expr"/>, asking <paramref name="resolve"/> for each symbol it meets (left to right).</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="resolve">Symbol lookup.</param>
    /// <param name="file">The script's name, for error messages.</param>
    /// <exception cref="WorkloadEvaluationException">A symbol is unknown, the arithmetic overflows 64 bits, or the
    /// tree is deeper than the parser allows.</exception>
    public static long Evaluate(Expr expr, WorkloadSymbolResolver resolve, string file = "<input>")
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(file);
        return Eval(expr, resolve, file, 0);
    }

    /// <summary>True when <paramref name="expr"/> mentions no symbol, so its value is known before the program runs.</summary>
    public static bool IsConstant(Expr expr) => expr switch
    {
        IntLiteral => true,
        SymbolRef => false,
        NegateExpr n => IsConstant(n.Operand),
        BinaryExpr b => IsConstant(b.Left) && IsConstant(b.Right),
        _ => throw new ArgumentException("unknown expression kind " + expr?.GetType().Name, nameof(expr)),
    };

    private static long Eval(Expr expr, WorkloadSymbolResolver resolve, string file, int depth)
    {
        // Trees built by hand can be deeper than the parser allows; fail cleanly rather than overflow the stack.
        if (depth > 2 * (WorkloadSyntax.MaxExpressionDepth + WorkloadSyntax.MaxExpressionOperators))
        {
            throw new WorkloadEvaluationException(file, expr.Position, "expression is too deeply nested");
        }

        switch (expr)
        {
            case IntLiteral i:
                return i.Value;
            case SymbolRef s:
                return resolve(s.Name, out long value)
                    ? value
                    : throw new WorkloadEvaluationException(file, s.Position, $"unknown symbol '{s.Name}'");
            case NegateExpr n:
                long operand = Eval(n.Operand, resolve, file, depth + 1);
                return operand == long.MinValue
                    ? throw Overflow(file, n.Position, "-")
                    : -operand;
            case BinaryExpr b:
                long left = Eval(b.Left, resolve, file, depth + 1);
                long right = Eval(b.Right, resolve, file, depth + 1);
                try
                {
                    return b.Operator switch
                    {
                        BinaryOperator.Add => checked(left + right),
                        BinaryOperator.Subtract => checked(left - right),
                        BinaryOperator.Multiply => checked(left * right),
                        _ => throw new ArgumentException("unknown operator " + b.Operator, nameof(expr)),
                    };
                }
                catch (OverflowException)
                {
                    throw Overflow(file, b.Position, Symbol(b.Operator));
                }

            default:
                throw new ArgumentException("unknown expression kind " + expr.GetType().Name, nameof(expr));
        }
    }

    /// <summary>
    /// Where the text of <paramref name="expr"/> begins (its leftmost operand; a binary node's own position is its
    /// operator). Errors about a whole value, such as a negative size, point here.
    /// </summary>
    public static SourcePosition StartOf(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        while (expr is BinaryExpr b)
        {
            expr = b.Left;
        }

        return expr.Position;
    }

    /// <summary>The operator as written in scripts.</summary>
    internal static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        _ => "*",
    };

    private static WorkloadEvaluationException Overflow(string file, SourcePosition at, string op) =>
        new(file, at, $"'{op}' overflows 64-bit arithmetic");
}
