using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

public class WorkloadExpressionTests
{
    private static readonly Dictionary<string, long> Symbols = new()
    {
        ["heap"] = 0x1000_0000,
        ["i"] = 3,
        ["n"] = 10,
        ["big"] = long.MaxValue,
    };

    private static long Eval(string text) => WorkloadEvaluator.Evaluate(WorkloadParser.ParseExpression(text, "x"), Symbols, "x");

    [Theory]
    [InlineData("42", 42)]
    [InlineData("0x10", 16)]
    [InlineData("0XfF", 255)]
    [InlineData("4K", 4096)]
    [InlineData("4k", 4096)]
    [InlineData("2M", 2 * 1024 * 1024)]
    [InlineData("1G", 1L << 30)]
    [InlineData("0x10K", 16 * 1024)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("0xffffffffffffffff", -1)]
    [InlineData("0xffff800000000000", unchecked((long)0xffff800000000000UL))]
    public void Evaluate_Literals_GiveValues(string text, long expected) => Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 3 - 2", 5)]
    [InlineData("10 - (3 - 2)", 9)]
    [InlineData("2 * 3 * 4", 24)]
    [InlineData("-2 * 3", -6)]
    [InlineData("-(2 + 3)", -5)]
    [InlineData("--5", 5)]
    [InlineData("+5", 5)]
    [InlineData("3 - -2", 5)]
    [InlineData("heap + i*4096", 0x1000_0000 + (3 * 4096))]
    [InlineData("heap+i*4K+1", 0x1000_0000 + (3 * 4096) + 1)]
    [InlineData("n*n - i", 97)]
    [InlineData("((((n))))", 10)]
    public void Evaluate_Operators_FollowPrecedence(string text, long expected) => Assert.Equal(expected, Eval(text));

    [Fact]
    public void Evaluate_UnknownSymbol_ThrowsWithPosition()
    {
        var e = Assert.Throws<WorkloadEvaluationException>(() => Eval("heap + 4 * nope"));
        Assert.Equal("x:1:12: unknown symbol 'nope'", e.Message);
        Assert.Equal(1, e.Line);
        Assert.Equal(12, e.Column);
    }

    [Theory]
    [InlineData("big + 1", "x:1:5: '+' overflows 64-bit arithmetic")]
    [InlineData("-big - 2", "x:1:6: '-' overflows 64-bit arithmetic")]
    [InlineData("big * 2", "x:1:5: '*' overflows 64-bit arithmetic")]
    public void Evaluate_Overflow_ThrowsAtOperator(string text, string message)
    {
        var e = Assert.Throws<WorkloadEvaluationException>(() => Eval(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Evaluate_NegateMinValue_Throws()
    {
        var expr = new NegateExpr(new SourcePosition(2, 3), new IntLiteral(new SourcePosition(2, 4), long.MinValue));
        var e = Assert.Throws<WorkloadEvaluationException>(() => WorkloadEvaluator.Evaluate(expr, Symbols, "f"));
        Assert.Equal("f:2:3: '-' overflows 64-bit arithmetic", e.Message);
    }

    [Fact]
    public void Evaluate_HandBuiltDeepTree_FailsCleanly()
    {
        Expr e = new IntLiteral(default, 1);
        for (int k = 0; k < 10_000; k++)
        {
            e = new NegateExpr(default, e);
        }

        Assert.Throws<WorkloadEvaluationException>(() => WorkloadEvaluator.Evaluate(e, Symbols));
    }

    [Fact]
    public void Evaluate_WithResolver_AsksForEachSymbolLeftToRight()
    {
        var asked = new List<string>();
        long value = WorkloadEvaluator.Evaluate(
            WorkloadParser.ParseExpression("a + b * a"),
            (string name, out long v) =>
            {
                asked.Add(name);
                v = name == "a" ? 2 : 5;
                return true;
            });
        Assert.Equal(12, value);
        Assert.Equal(["a", "b", "a"], asked);
    }

    [Theory]
    [InlineData("1 + 2", true)]
    [InlineData("-(3 * 4)", true)]
    [InlineData("heap", false)]
    [InlineData("1 + i", false)]
    public void IsConstant_DependsOnSymbols(string text, bool expected) =>
        Assert.Equal(expected, WorkloadEvaluator.IsConstant(WorkloadParser.ParseExpression(text)));
}
