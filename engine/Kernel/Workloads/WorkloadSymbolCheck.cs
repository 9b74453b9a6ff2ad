namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Finds names a program uses but can never bind, so a level file with a typo (<c>read hepa</c>) fails when it
/// loads instead of when the line runs. Optional: the parser itself resolves no names, because a console line
/// may use variables bound by earlier lines.
/// </summary>
/// <remarks>
/// A name is known when it is a region symbol, the variable of an enclosing <c>for</c>, one of the
/// <c>preBound</c> names, or bound by a <c>malloc</c> or <c>mmap</c> anywhere in the program (not only earlier:
/// a loop may bind a name on one iteration and use it on the next). So the check has no false alarms; a name
/// used before its <c>malloc</c> runs is still caught when it runs.
/// </remarks>
public static class WorkloadSymbolCheck
{
    /// <summary>Throws at the first (in text order) use of a name the program can never bind.</summary>
    /// <param name="program">The parsed program.</param>
    /// <param name="preBound">Names bound before the program starts (e.g. by earlier console lines).</param>
    /// <exception cref="WorkloadParseException">Names the file, line and column of the unknown name.</exception>
    public static void Check(WorkloadProgram program, IEnumerable<string>? preBound = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        var bound = new HashSet<string>(preBound ?? [], StringComparer.Ordinal);
        CollectBindings(program.Body, bound);
        CheckBlock(program, program.Body, bound, []);
    }

    private static void CollectBindings(NodeList<Statement> body, HashSet<string> bound)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case MallocStatement m:
                    bound.Add(m.Name);
                    break;
                case MmapStatement m:
                    bound.Add(m.Name);
                    break;
                case RepeatStatement r:
                    CollectBindings(r.Body, bound);
                    break;
                case ForStatement f:
                    CollectBindings(f.Body, bound);
                    break;
                case IfForkStatement i:
                    CollectBindings(i.Then, bound);
                    CollectBindings(i.Else, bound);
                    break;
            }
        }
    }

    private static void CheckBlock(WorkloadProgram program, NodeList<Statement> body, HashSet<string> bound, List<string> loops)
    {
        foreach (var statement in body)
        {
            foreach (var expr in ExpressionsOf(statement))
            {
                CheckExpr(program, expr, bound, loops);
            }

            switch (statement)
            {
                case FreeStatement f when !bound.Contains(f.Name) && !loops.Contains(f.Name):
                    throw Unknown(program, f.Position, f.Name);
                case RepeatStatement r:
                    CheckBlock(program, r.Body, bound, loops);
                    break;
                case ForStatement f:
                    loops.Add(f.Variable);
                    CheckBlock(program, f.Body, bound, loops);
                    loops.RemoveAt(loops.Count - 1);
                    break;
                case IfForkStatement i:
                    CheckBlock(program, i.Then, bound, loops);
                    CheckBlock(program, i.Else, bound, loops);
                    break;
            }
        }
    }

    private static IEnumerable<Expr> ExpressionsOf(Statement statement)
    {
        Expr?[] all = statement switch
        {
            AccessStatement a => [a.Address, a.Value],
            MallocStatement m => [m.Size],
            BrkStatement b => [b.Address],
            SbrkStatement s => [s.Delta],
            MmapStatement m => [m.Size, m.Offset],
            MunmapStatement u => [u.Address, u.Size],
            MprotectStatement p => [p.Address, p.Size],
            MadviseStatement a => [a.Address, a.Size],
            ExitStatement x => [x.Code],
            SleepStatement z => [z.Cycles],
            RepeatStatement r => [r.Count],
            ForStatement f => [f.From, f.To, f.Step],
            _ => [],
        };
        return all.OfType<Expr>();
    }

    private static void CheckExpr(WorkloadProgram program, Expr expr, HashSet<string> bound, List<string> loops)
    {
        switch (expr)
        {
            case SymbolRef s when !WorkloadSyntax.IsRegion(s.Name) && !bound.Contains(s.Name) && !loops.Contains(s.Name):
                throw Unknown(program, s.Position, s.Name);
            case NegateExpr n:
                CheckExpr(program, n.Operand, bound, loops);
                break;
            case BinaryExpr b:
                CheckExpr(program, b.Left, bound, loops);
                CheckExpr(program, b.Right, bound, loops);
                break;
        }
    }

    private static WorkloadParseException Unknown(WorkloadProgram program, SourcePosition at, string name) =>
        new(program.File, at.Line, at.Column, $"unknown symbol '{name}': not a region, a loop variable, or a name bound by malloc or mmap");
}
