namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Parses the statement grammar over a script's lines (see docs/workload-language.md). Blocks
/// (<c>repeat</c>, <c>for</c>, <c>if</c>) open on their own line and close with a line holding <c>end</c>;
/// nesting is limited to <see cref="WorkloadSyntax.MaxBlockDepth"/>.
/// </summary>
internal sealed class WorkloadStatementParser(string file, IReadOnlyList<string> lines)
{
    private const string StatementList = "a statement (read, write, fetch, malloc, free, brk, mmap, munmap, mprotect, madvise, maps, smaps, fork, exec, exit, wait, yield, sleep, repeat, for, if)";

    private readonly List<string> _loopVariables = [];
    private int _lineIndex;
    private int _depth;

    public NodeList<Statement> ParseProgram() => ParseBlock(null, default, allowElse: false, out _);

    /// <summary>
    /// Parses statements until the <c>end</c> (or <c>else</c>) closing the block opened by <paramref name="opener"/>
    /// at <paramref name="openerAt"/>, or until the end of the file at top level (<paramref name="opener"/> null).
    /// </summary>
    private NodeList<Statement> ParseBlock(string? opener, SourcePosition openerAt, bool allowElse, out bool endedWithElse)
    {
        var statements = new List<Statement>();
        while (_lineIndex < lines.Count)
        {
            var scanner = new WorkloadLineScanner(file, _lineIndex + 1, lines[_lineIndex]);
            _lineIndex++;
            var first = scanner.Peek();
            if (first.Kind == WorkloadTokenKind.EndOfLine)
            {
                continue;
            }

            if (first.IsWord("end") || first.IsWord("else"))
            {
                if (opener is null)
                {
                    throw scanner.Fail(first.Column, $"'{first.Text}' without an open repeat, for or if block");
                }

                if (first.IsWord("else") && !allowElse)
                {
                    throw scanner.Fail(first.Column, $"'else' belongs to 'if'; the open block is '{opener}'");
                }

                scanner.Next();
                ExpectEndOfLine(scanner, $"'{first.Text}'");
                endedWithElse = first.IsWord("else");
                return new NodeList<Statement>(statements);
            }

            statements.Add(ParseStatement(scanner));
        }

        if (opener is not null)
        {
            throw new WorkloadParseException(
                file, openerAt.Line, openerAt.Column, $"'{opener}' has no matching 'end' before the end of the file")
            {
                IsIncompleteBlock = true,
            };
        }

        endedWithElse = false;
        return new NodeList<Statement>(statements);
    }

    private Statement ParseStatement(WorkloadLineScanner scanner)
    {
        var keyword = scanner.Next();
        var at = new SourcePosition(scanner.Line, keyword.Column);
        if (keyword.Kind != WorkloadTokenKind.Identifier)
        {
            throw scanner.Error(keyword.Column, StatementList, keyword.Text);
        }

        var expressions = new WorkloadExpressionParser(file, scanner);
        Statement statement;
        switch (keyword.Text)
        {
            case "read" or "touch":
                statement = new AccessStatement(at, AccessKind.Read, expressions.Parse($"an address after '{keyword.Text}'"), null);
                break;
            case "write":
                var address = expressions.Parse("an address after 'write'");
                Expr? value = null;
                if (scanner.Peek().Kind == WorkloadTokenKind.Equals)
                {
                    scanner.Next();
                    value = expressions.Parse("a value after '='");
                }

                statement = new AccessStatement(at, AccessKind.Write, address, value);
                break;
            case "fetch":
                statement = new AccessStatement(at, AccessKind.Fetch, expressions.Parse("an address after 'fetch'"), null);
                break;
            case "exec" when scanner.TryConsumeAttached("-fetch"):
                statement = new AccessStatement(at, AccessKind.Fetch, expressions.Parse("an address after 'exec-fetch'"), null);
                break;
            case "exec":
                string path = scanner.ReadWord(out int pathColumn) ?? throw scanner.Error(pathColumn, "a program path after 'exec'", string.Empty);
                if (pathColumn == keyword.Column + keyword.Text.Length)
                {
                    throw scanner.Error(keyword.Column, "'exec-fetch ADDR' or 'exec PATH'", keyword.Text + path);
                }

                var args = new List<string>();
                while (scanner.ReadWord(out _) is { } arg)
                {
                    args.Add(arg);
                }

                statement = new ExecStatement(at, path, new NodeList<string>(args));
                break;
            case "malloc":
                statement = new MallocStatement(at, ExpectName(scanner, "a variable name after 'malloc'"), expressions.Parse("a size after 'malloc NAME'"));
                break;
            case "free":
                statement = new FreeStatement(at, ExpectName(scanner, "a variable name after 'free'"));
                break;
            case "brk":
                // A leading sign makes it relative, like sbrk: "brk +8K" grows the heap by 8 KiB.
                bool relative = scanner.Peek().Kind is WorkloadTokenKind.Plus or WorkloadTokenKind.Minus;
                var amount = expressions.Parse("an address (or +SIZE / -SIZE) after 'brk'");
                statement = relative ? new SbrkStatement(at, amount) : new BrkStatement(at, amount);
                break;
            case "sbrk":
                statement = new SbrkStatement(at, expressions.Parse("a size after 'sbrk'"));
                break;
            case "mmap":
                statement = ParseMmap(scanner, expressions, at);
                break;
            case "munmap":
                statement = new MunmapStatement(at, expressions.Parse("an address after 'munmap'"), expressions.Parse("a size after 'munmap ADDR'"));
                break;
            case "mprotect":
                var start = expressions.Parse("an address after 'mprotect'");
                var length = expressions.Parse("a size after 'mprotect ADDR'");
                statement = new MprotectStatement(at, start, length, ParsePerms(scanner));
                break;
            case "madvise":
                var adviseStart = expressions.Parse("an address after 'madvise'");
                var adviseLength = expressions.Parse("a size after 'madvise ADDR'");
                statement = new MadviseStatement(at, adviseStart, adviseLength, ParseAdvice(scanner));
                break;
            case "fork":
                statement = new ForkStatement(at);
                break;
            case "wait":
                statement = new WaitStatement(at);
                break;
            case "yield":
                statement = new YieldStatement(at);
                break;
            case "maps":
                statement = new MapsStatement(at);
                break;
            case "smaps":
                statement = new SmapsStatement(at);
                break;
            case "exit":
                statement = new ExitStatement(at, scanner.Peek().Kind == WorkloadTokenKind.EndOfLine ? null : expressions.Parse("an exit status after 'exit'"));
                break;
            case "sleep":
                statement = new SleepStatement(at, NonNegative(expressions.Parse("a number of cycles after 'sleep'"), "sleep time"));
                break;
            case "repeat" or "for" or "if":
                if (_depth >= WorkloadSyntax.MaxBlockDepth)
                {
                    throw scanner.Fail(keyword.Column, $"blocks nest deeper than {WorkloadSyntax.MaxBlockDepth} levels");
                }

                _depth++;
                try
                {
                    return keyword.Text switch
                    {
                        "repeat" => ParseRepeat(scanner, expressions, at),
                        "for" => ParseFor(scanner, expressions, at),
                        _ => ParseIf(scanner, at),
                    };
                }
                finally
                {
                    _depth--;
                }

            default:
                throw scanner.Error(keyword.Column, StatementList, keyword.Text);
        }

        ExpectEndOfLine(scanner, $"'{keyword.Text}' statement");
        return statement;
    }

    private RepeatStatement ParseRepeat(WorkloadLineScanner scanner, WorkloadExpressionParser expressions, SourcePosition at)
    {
        var count = NonNegative(expressions.Parse("a count after 'repeat'"), "repeat count");
        ExpectEndOfLine(scanner, "'repeat COUNT'");
        return new RepeatStatement(at, count, ParseBlock("repeat", at, allowElse: false, out _));
    }

    private ForStatement ParseFor(WorkloadLineScanner scanner, WorkloadExpressionParser expressions, SourcePosition at)
    {
        var nameToken = scanner.Peek();
        string variable = ExpectName(scanner, "a loop variable after 'for'");
        if (_loopVariables.Contains(variable))
        {
            throw scanner.Fail(nameToken.Column, $"'{variable}' is already the variable of an enclosing loop");
        }

        ExpectWord(scanner, "in", $"'in' after 'for {variable}'");
        var from = expressions.Parse("a start value after 'in'");
        var dots = scanner.Next();
        if (dots.Kind != WorkloadTokenKind.DotDot)
        {
            throw scanner.Error(dots.Column, "'..' between the start and end of the range", dots.Text);
        }

        var to = expressions.Parse("an end value after '..'");
        Expr? step = null;
        if (scanner.Peek().IsWord("step"))
        {
            scanner.Next();
            step = expressions.Parse("a step after 'step'");
            if (WorkloadEvaluator.IsConstant(step) && WorkloadEvaluator.Evaluate(step, EmptySymbols, file) == 0)
            {
                var stepAt = WorkloadEvaluator.StartOf(step);
                throw new WorkloadParseException(file, stepAt.Line, stepAt.Column, "a loop step must not be 0");
            }
        }

        ExpectEndOfLine(scanner, "'for' header");
        _loopVariables.Add(variable);
        try
        {
            return new ForStatement(at, variable, from, to, step, ParseBlock("for", at, allowElse: false, out _));
        }
        finally
        {
            _loopVariables.RemoveAt(_loopVariables.Count - 1);
        }
    }

    private IfForkStatement ParseIf(WorkloadLineScanner scanner, SourcePosition at)
    {
        var roleToken = scanner.Next();
        var role = roleToken.IsWord("child") ? ForkRole.Child
            : roleToken.IsWord("parent") ? ForkRole.Parent
            : roleToken.IsWord("failed") ? ForkRole.Failed
            : throw scanner.Error(roleToken.Column, "'child', 'parent' or 'failed' after 'if'", roleToken.Text);
        ExpectEndOfLine(scanner, $"'if {roleToken.Text}'");
        var then = ParseBlock("if", at, allowElse: true, out bool hasElse);
        var otherwise = hasElse ? ParseBlock("if", at, allowElse: false, out _) : new NodeList<Statement>([]);
        return new IfForkStatement(at, role, then, otherwise);
    }

    private MmapStatement ParseMmap(WorkloadLineScanner scanner, WorkloadExpressionParser expressions, SourcePosition at)
    {
        string name = ExpectName(scanner, "a variable name after 'mmap'");
        var size = expressions.Parse("a size after 'mmap NAME'");
        MemoryPerms? perms = null;
        bool? shared = null;
        string? path = null;
        Expr? offset = null;
        while (scanner.Peek() is { Kind: WorkloadTokenKind.Identifier } option)
        {
            if (IsPermWord(option) && perms is null)
            {
                perms = ParsePerms(scanner);
                continue;
            }

            scanner.Next();
            if ((option.IsWord("shared") || option.IsWord("private")) && shared is null)
            {
                shared = option.IsWord("shared");
            }
            else if (option.IsWord("file") && path is null)
            {
                path = scanner.ReadWord(out int column) ?? throw scanner.Error(column, "a file path after 'file'", string.Empty);
                if (scanner.Peek().IsWord("offset"))
                {
                    scanner.Next();
                    offset = NonNegative(expressions.Parse("a byte offset after 'offset'"), "file offset");
                }
            }
            else
            {
                throw scanner.Fail(option.Column, $"'{option.Text}' is not an mmap option here (permissions read/write/exec/none once, then shared or private once, then file PATH [offset N] once)");
            }
        }

        return new MmapStatement(at, name, size, perms ?? (MemoryPerms.Read | MemoryPerms.Write), shared ?? false, path, offset);
    }

    private static bool IsPermWord(WorkloadToken token) =>
        token.IsWord("read") || token.IsWord("write") || token.IsWord("exec") || token.IsWord("none");

    /// <summary>One or more of <c>read write exec</c>, or <c>none</c> alone.</summary>
    // The advice words of `madvise ADDR SIZE ADVICE`, Linux's MADV_HUGEPAGE, MADV_NOHUGEPAGE and MADV_DONTNEED.
    private static Mm.MadviseAdvice ParseAdvice(WorkloadLineScanner scanner)
    {
        var word = scanner.Peek();
        Mm.MadviseAdvice? advice = word.IsWord("hugepage") ? Mm.MadviseAdvice.HugePage
            : word.IsWord("nohugepage") ? Mm.MadviseAdvice.NoHugePage
            : word.IsWord("dontneed") ? Mm.MadviseAdvice.DontNeed
            : null;
        if (advice is null)
        {
            throw scanner.Error(word.Column, "advice (hugepage, nohugepage or dontneed)", word.Text);
        }

        scanner.Next();
        return advice.Value;
    }

    private static MemoryPerms ParsePerms(WorkloadLineScanner scanner)
    {
        var first = scanner.Peek();
        if (!IsPermWord(first))
        {
            throw scanner.Error(first.Column, "permissions (read, write, exec or none)", first.Text);
        }

        if (first.IsWord("none"))
        {
            scanner.Next();
            return MemoryPerms.None;
        }

        var perms = MemoryPerms.None;
        while (IsPermWord(scanner.Peek()))
        {
            var word = scanner.Next();
            var bit = word.Text switch
            {
                "read" => MemoryPerms.Read,
                "write" => MemoryPerms.Write,
                "exec" => MemoryPerms.Exec,
                _ => throw scanner.Fail(word.Column, "'none' cannot be combined with other permissions"),
            };
            if ((perms & bit) != 0)
            {
                throw scanner.Fail(word.Column, $"'{word.Text}' is given twice");
            }

            perms |= bit;
        }

        return perms;
    }

    private static string ExpectName(WorkloadLineScanner scanner, string what)
    {
        var token = scanner.Next();
        if (token.Kind != WorkloadTokenKind.Identifier)
        {
            throw scanner.Error(token.Column, what, token.Text);
        }

        return WorkloadSyntax.IsReserved(token.Text)
            ? throw scanner.Fail(token.Column, $"'{token.Text}' is a reserved word and cannot name a variable")
            : token.Text;
    }

    private static void ExpectWord(WorkloadLineScanner scanner, string word, string what)
    {
        var token = scanner.Next();
        if (!token.IsWord(word))
        {
            throw scanner.Error(token.Column, what, token.Text);
        }
    }

    private static void ExpectEndOfLine(WorkloadLineScanner scanner, string after)
    {
        var token = scanner.Next();
        if (token.Kind != WorkloadTokenKind.EndOfLine)
        {
            throw scanner.Error(token.Column, $"end of line after the {after}", token.Text);
        }
    }

    private Expr NonNegative(Expr expr, string what)
    {
        if (WorkloadEvaluator.IsConstant(expr) && WorkloadEvaluator.Evaluate(expr, EmptySymbols, file) < 0)
        {
            var at = WorkloadEvaluator.StartOf(expr);
            throw new WorkloadParseException(file, at.Line, at.Column, $"the {what} must not be negative");
        }

        return expr;
    }

    private static bool EmptySymbols(string name, out long value)
    {
        value = 0;
        return false;
    }
}
