using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Tests.Engine.Kernel.Workloads;

/// <summary>
/// Printing any tree and parsing the text gives the same tree; and no input whatever makes the parser (or a
/// cursor running what it parsed) throw anything but the documented exceptions.
/// </summary>
public class WorkloadPropertyTests
{
    private static readonly string[] Names = ["a", "b", "buf", "x1", "_p", "Area", "ptr"];
    private static readonly string[] Symbols = [.. Names, .. WorkloadSyntax.RegionSymbols];
    private static readonly long[] Interesting = [0, 1, 4095, 4096, 0x1000_0000, -1, -4096, long.MaxValue, long.MinValue, 0x7fff_ffff_f000];

    private static Expr Safe(Expr e)
    {
        if (!WorkloadEvaluator.IsConstant(e))
        {
            return e;
        }

        try
        {
            WorkloadEvaluator.Evaluate(e, new Dictionary<string, long>());
            return e;
        }
        catch (WorkloadEvaluationException)
        {
            return new IntLiteral(default, 7);
        }
    }

    private static Expr NonNegative(Expr e) =>
        WorkloadEvaluator.IsConstant(e) && WorkloadEvaluator.Evaluate(e, new Dictionary<string, long>()) < 0 ? new IntLiteral(default, 3) : e;

    private static Expr NonZero(Expr e) =>
        WorkloadEvaluator.IsConstant(e) && WorkloadEvaluator.Evaluate(e, new Dictionary<string, long>()) == 0 ? new IntLiteral(default, 2) : e;

    private static Gen<Expr> RawExpr(int depth)
    {
        var leaf = Gen.OneOf(
            Gen.Choose(0, 100_000).Select(v => (Expr)new IntLiteral(default, v)),
            Gen.Elements(Interesting).Select(v => (Expr)new IntLiteral(default, v)),
            Gen.Elements(Symbols).Select(n => (Expr)new SymbolRef(default, n)));
        if (depth == 0)
        {
            return leaf;
        }

        var sub = RawExpr(depth - 1);
        var negate = sub.Select(e => (Expr)new NegateExpr(default, e));
        var binary = from op in Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract, BinaryOperator.Multiply)
                     from l in sub
                     from r in sub
                     select (Expr)new BinaryExpr(default, op, l, r);
        return Gen.OneOf(leaf, leaf, negate, binary, binary);
    }

    private static Gen<Expr> ExprGen => RawExpr(3).Select(Safe);

    private static Gen<Expr?> OptionalExpr => Gen.OneOf(Gen.Constant<Expr?>(null), ExprGen.Select(e => (Expr?)e));

    private static Gen<string> Word =>
        Gen.Elements("a", "/", ".", "-", " ", "\"", "\\", "#", "é", "中", "x", "=", "$")
            .ListOf().Select(parts => string.Concat(parts.Take(8)));

    private static Gen<Statement> SimpleStatement()
    {
        var name = Gen.Elements(Names);
        return Gen.OneOf(
            from kind in Gen.Elements(AccessKind.Read, AccessKind.Write, AccessKind.Fetch)
            from address in ExprGen
            from value in OptionalExpr
            select (Statement)new AccessStatement(default, kind, address, kind == AccessKind.Write ? value : null),
            from n in name
            from size in ExprGen
            select (Statement)new MallocStatement(default, n, size),
            name.Select(n => (Statement)new FreeStatement(default, n)),
            ExprGen.Select(e => (Statement)new BrkStatement(default, e)),
            ExprGen.Select(e => (Statement)new SbrkStatement(default, e)),
            from n in name
            from size in ExprGen
            from perms in Gen.Choose(0, 7)
            from shared in Gen.Elements(true, false)
            from file in Gen.OneOf(Gen.Constant<string?>(null), Word.Select(w => (string?)w))
            from offset in OptionalExpr
            select (Statement)new MmapStatement(default, n, size, (MemoryPerms)perms, shared, file,
                file is null || offset is null ? null : NonNegative(offset)),
            from address in ExprGen
            from size in ExprGen
            select (Statement)new MunmapStatement(default, address, size),
            from address in ExprGen
            from size in ExprGen
            from perms in Gen.Choose(0, 7)
            select (Statement)new MprotectStatement(default, address, size, (MemoryPerms)perms),
            from address in ExprGen
            from size in ExprGen
            from advice in Gen.Elements(MadviseAdvice.HugePage, MadviseAdvice.NoHugePage, MadviseAdvice.DontNeed)
            select (Statement)new MadviseStatement(default, address, size, advice),
            Gen.Constant((Statement)new SmapsStatement(default)),
            Gen.Constant((Statement)new ForkStatement(default)),
            from path in Word
            from args in Word.ListOf()
            select (Statement)new ExecStatement(default, path, new NodeList<string>(args.Take(4))),
            OptionalExpr.Select(e => (Statement)new ExitStatement(default, e)),
            Gen.Constant((Statement)new WaitStatement(default)),
            Gen.Constant((Statement)new YieldStatement(default)),
            ExprGen.Select(e => (Statement)new SleepStatement(default, NonNegative(e))));
    }

    private static Gen<NodeList<Statement>> Block(int depth) =>
        StatementGen(depth).ListOf().Select(list => new NodeList<Statement>(list.Take(6)));

    private static Gen<Statement> StatementGen(int depth)
    {
        var simple = SimpleStatement();
        if (depth == 0)
        {
            return simple;
        }

        var body = Block(depth - 1);
        string variable = "k" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var repeat = from count in ExprGen
                     from b in body
                     select (Statement)new RepeatStatement(default, NonNegative(count), b);
        var loop = from start in ExprGen
                   from to in ExprGen
                   from step in OptionalExpr
                   from b in body
                   select (Statement)new ForStatement(default, variable, start, to, step is null ? null : NonZero(step), b);
        var branch = from role in Gen.Elements(ForkRole.Child, ForkRole.Parent)
                     from then in body
                     from otherwise in body
                     select (Statement)new IfForkStatement(default, role, then, otherwise);
        return Gen.OneOf(simple, simple, simple, repeat, loop, branch);
    }

    [Fact]
    public void PrintThenParse_RandomProgram_GivesSameTree()
    {
        var programs = Block(3).Select(body => new WorkloadProgram("gen.vmw", body));
        Prop.ForAll(programs.ToArbitrary(), program =>
        {
            string text = WorkloadPrinter.Print(program);
            var parsed = WorkloadParser.Parse(text, "gen.vmw");
            Assert.Equal(program, WorkloadAstTools.Strip(parsed));
            Assert.Equal(text, WorkloadPrinter.Print(parsed));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Generator_ProducesNestedNonTrivialPrograms()
    {
        // Guards the round-trip property against passing vacuously on tiny trees.
        var samples = Gen.Sample(Block(3).Resize(30), 500);
        Assert.Contains(samples, b => b.Count >= 4);
        Assert.Contains(samples, b => b.Any(s => s is RepeatStatement or ForStatement or IfForkStatement
            && WorkloadPrinter.Print(s).Split('\n').Any(l => l.StartsWith("    ", StringComparison.Ordinal))));
        Assert.Contains(samples, b => b.Any(s => s is ExecStatement { Args.Count: > 0 }));
        var words = Gen.Sample(Word.Resize(20), 500);
        Assert.Contains(words, w => w.Length == 0);
        Assert.Contains(words, w => w.Contains(' ', StringComparison.Ordinal) && w.Contains('"', StringComparison.Ordinal));
    }

    private static readonly string[] Fragments =
    [
        "read", "write", "touch", "fetch", "exec-fetch", "malloc", "free", "brk", "sbrk", "mmap", "munmap", "mprotect",
        "madvise", "hugepage", "nohugepage", "dontneed", "smaps", "fork", "exec", "exit", "wait", "yield", "sleep", "repeat", "for", "in", "step", "if", "child", "parent", "else",
        "end", "heap", "stack", "i", "buf", "read", "exec", "none", "shared", "private", "file", "offset",
        "+", "-", "*", "(", ")", "=", "..", ".", "0", "1", "4K", "0x", "0xffffffffffffffff", "99999999999999999999",
        "9223372036854775807", " ", " ", " ", "\t", "\n", "\n", "\r\n", "\r", "#", "\"", "\\", "é", "\u0000", "\u2028", "$",
    ];

    private static void MustOnlyThrowParseErrors(string text)
    {
        WorkloadProgram program;
        try
        {
            program = WorkloadParser.Parse(text, "fuzz.vmw");
        }
        catch (WorkloadParseException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            Assert.StartsWith("fuzz.vmw:", e.Message, StringComparison.Ordinal);
            return;
        }

        // What parses must print and parse back to the same tree, and run without any other exception.
        Assert.Equal(WorkloadAstTools.Strip(program), WorkloadAstTools.Strip(WorkloadParser.Parse(WorkloadPrinter.Print(program), "fuzz.vmw")));
        var cursor = new WorkloadCursor(program);
        try
        {
            for (int step = 0; step < 200 && !cursor.IsFinished; step++)
            {
                var action = cursor.Next(static (string _, out long v) => { v = 1; return true; });
                if (action is ForkAction)
                {
                    cursor.Fork();
                }
            }
        }
        catch (WorkloadEvaluationException e)
        {
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void Parse_RandomTokenSoup_OnlyThrowsParseExceptions()
    {
        var soup = Gen.Elements(Fragments).ListOf().Select(parts => string.Concat(parts));
        Prop.ForAll(soup.ToArbitrary(), MustOnlyThrowParseErrors)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithEndSize(60));
    }

    [Fact]
    public void Parse_RandomStrings_OnlyThrowsParseExceptions()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => MustOnlyThrowParseErrors(text ?? string.Empty))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Parse_RandomLinesOfValidStatements_OnlyThrowsParseExceptions()
    {
        var line = Gen.Elements(
            "read heap + i*4K", "write buf = 3", "for i in 0..3", "repeat 2", "if child", "else", "end", "fork",
            "malloc buf 64", "mmap m 4K read shared", "exec /bin/ls -l", "exit", "sleep 10", "brk -4K", "free buf");
        var script = line.ListOf().Select(lines => string.Join('\n', lines));
        Prop.ForAll(script.ToArbitrary(), MustOnlyThrowParseErrors)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}
