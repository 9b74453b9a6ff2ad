namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Recursive descent over one line's tokens for the expression grammar:
/// <code>
/// expr    = term { ("+" | "-") term }
/// term    = unary { "*" unary }
/// unary   = ("-" | "+") unary | primary
/// primary = INTEGER | NAME | "(" expr ")"
/// </code>
/// An expression ends at the first token that cannot continue it, so <c>munmap buf 4K</c> reads two.
/// </summary>
internal sealed class WorkloadExpressionParser(string file, WorkloadLineScanner scanner)
{
    private int _depth;
    private int _operators;

    /// <summary>Parses an expression; <paramref name="what"/> names it for the error when none is there.</summary>
    /// <remarks>A constant expression is evaluated at once, so overflow in it is a parse error.</remarks>
    public Expr Parse(string what)
    {
        if (!StartsExpression(scanner.Peek()))
        {
            var found = scanner.Peek();
            throw scanner.Error(found.Column, what, found.Text);
        }

        _operators = 0;
        var expr = ParseSum();
        if (WorkloadEvaluator.IsConstant(expr))
        {
            try
            {
                WorkloadEvaluator.Evaluate(expr, static (string _, out long v) => { v = 0; return false; }, file);
            }
            catch (WorkloadEvaluationException e)
            {
                throw new WorkloadParseException(file, e.Line, e.Column, e.Description);
            }
        }

        return expr;
    }

    /// <summary>True when <paramref name="token"/> can begin an expression.</summary>
    public static bool StartsExpression(WorkloadToken token) =>
        token.Kind is WorkloadTokenKind.Integer or WorkloadTokenKind.Identifier or WorkloadTokenKind.Minus
            or WorkloadTokenKind.Plus or WorkloadTokenKind.LeftParen
        && !(token.Kind == WorkloadTokenKind.Identifier && WorkloadSyntax.IsReserved(token.Text) && !WorkloadSyntax.IsRegion(token.Text));

    private Expr ParseSum()
    {
        var left = ParseProduct();
        while (scanner.Peek().Kind is WorkloadTokenKind.Plus or WorkloadTokenKind.Minus)
        {
            var op = Operator();
            var right = ParseProduct();
            left = new BinaryExpr(At(op), op.Kind == WorkloadTokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract, left, right);
        }

        return left;
    }

    private Expr ParseProduct()
    {
        var left = ParseUnary();
        while (scanner.Peek().Kind == WorkloadTokenKind.Star)
        {
            var op = Operator();
            left = new BinaryExpr(At(op), BinaryOperator.Multiply, left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var token = scanner.Peek();
        if (token.Kind is not (WorkloadTokenKind.Minus or WorkloadTokenKind.Plus or WorkloadTokenKind.LeftParen))
        {
            return ParsePrimary();
        }

        if (++_depth > WorkloadSyntax.MaxExpressionDepth)
        {
            throw scanner.Fail(token.Column, $"expression nests deeper than {WorkloadSyntax.MaxExpressionDepth} levels");
        }

        scanner.Next();
        Expr result;
        if (token.Kind == WorkloadTokenKind.LeftParen)
        {
            result = ParseSum();
            var close = scanner.Next();
            if (close.Kind != WorkloadTokenKind.RightParen)
            {
                throw scanner.Error(close.Column, $"')' to close the '(' at column {token.Column}", close.Text);
            }
        }
        else
        {
            // Unary plus leaves no node: "+4K" and "4K" are the same value.
            var operand = ParseUnary();
            result = token.Kind == WorkloadTokenKind.Minus ? new NegateExpr(At(token), operand) : operand;
        }

        _depth--;
        return result;
    }

    private Expr ParsePrimary()
    {
        var token = scanner.Next();
        return token.Kind switch
        {
            WorkloadTokenKind.Integer => new IntLiteral(At(token), token.Value),
            WorkloadTokenKind.Identifier when StartsExpression(token) => new SymbolRef(At(token), token.Text),
            _ => throw scanner.Error(token.Column, "a number, a name or '('", token.Text),
        };
    }

    private WorkloadToken Operator()
    {
        var op = scanner.Next();
        return ++_operators <= WorkloadSyntax.MaxExpressionOperators
            ? op
            : throw scanner.Fail(op.Column, $"expression has more than {WorkloadSyntax.MaxExpressionOperators} operators");
    }

    private SourcePosition At(WorkloadToken token) => new(scanner.Line, token.Column);
}
