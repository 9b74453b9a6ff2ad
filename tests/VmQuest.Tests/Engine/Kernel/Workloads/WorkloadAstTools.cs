using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>Test helper: the same tree with every position reset, so trees from different texts compare by shape.</summary>
internal static class WorkloadAstTools
{
    public static WorkloadProgram Strip(WorkloadProgram p) => p with { Body = Strip(p.Body) };

    public static NodeList<Statement> Strip(NodeList<Statement> body) => new(body.Select(Strip));

    public static Statement Strip(Statement s) => s switch
    {
        AccessStatement a => new AccessStatement(default, a.Kind, Strip(a.Address), StripOrNull(a.Value)),
        MallocStatement m => new MallocStatement(default, m.Name, Strip(m.Size)),
        FreeStatement f => f with { Position = default },
        BrkStatement b => new BrkStatement(default, Strip(b.Address)),
        SbrkStatement b => new SbrkStatement(default, Strip(b.Delta)),
        MmapStatement m => m with { Position = default, Size = Strip(m.Size), Offset = StripOrNull(m.Offset) },
        MunmapStatement u => new MunmapStatement(default, Strip(u.Address), Strip(u.Size)),
        MprotectStatement p => new MprotectStatement(default, Strip(p.Address), Strip(p.Size), p.Perms),
        MadviseStatement a => new MadviseStatement(default, Strip(a.Address), Strip(a.Size), a.Advice),
        SmapsStatement => new SmapsStatement(default),
        ExitStatement x => new ExitStatement(default, StripOrNull(x.Code)),
        SleepStatement z => new SleepStatement(default, Strip(z.Cycles)),
        RepeatStatement r => new RepeatStatement(default, Strip(r.Count), Strip(r.Body)),
        ForStatement f => new ForStatement(default, f.Variable, Strip(f.From), Strip(f.To), StripOrNull(f.Step), Strip(f.Body)),
        IfForkStatement i => new IfForkStatement(default, i.Role, Strip(i.Then), Strip(i.Else)),
        _ => s with { Position = default },
    };

    public static Expr Strip(Expr e) => e switch
    {
        IntLiteral i => i with { Position = default },
        SymbolRef s => s with { Position = default },
        NegateExpr n => new NegateExpr(default, Strip(n.Operand)),
        BinaryExpr b => new BinaryExpr(default, b.Operator, Strip(b.Left), Strip(b.Right)),
        _ => throw new ArgumentException(e.GetType().Name),
    };

    private static Expr? StripOrNull(Expr? e) => e is null ? null : Strip(e);
}
