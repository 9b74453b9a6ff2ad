using System.Globalization;
using System.Text;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Prints an AST back as script text in a canonical layout (two-space indentation, <c>touch</c> as
/// <c>read</c>, <c>exec-fetch</c> as <c>fetch</c>, <c>brk +N</c> as <c>sbrk N</c>, literals in decimal below 4096 and
/// hex from there). Guarantee: parsing the printed text gives back the same tree, apart from positions; this is
/// property-tested. Used to show a level's program, to save sandbox sessions, and to pretty-print.
/// </summary>
public static class WorkloadPrinter
{
    /// <summary>Prints a whole program, one statement per line, ending with a newline (empty program: empty text).</summary>
    public static string Print(WorkloadProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var sb = new StringBuilder();
        PrintBlock(sb, program.Body, 0);
        return sb.ToString();
    }

    /// <summary>Prints one statement (a block over several lines, without a trailing newline).</summary>
    public static string Print(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var sb = new StringBuilder();
        PrintStatement(sb, statement, 0);
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>Prints an expression with the fewest parentheses that keep its grouping.</summary>
    public static string Print(Expr expr) => expr switch
    {
        IntLiteral i => Literal(i.Value),
        SymbolRef s => s.Name,
        NegateExpr n => "-" + (n.Operand is BinaryExpr ? "(" + Print(n.Operand) + ")" : Print(n.Operand)),
        BinaryExpr b => Operand(b.Left, Precedence(b.Operator), false) + " " + WorkloadEvaluator.Symbol(b.Operator) + " "
                        + Operand(b.Right, Precedence(b.Operator), true),
        null => throw new ArgumentNullException(nameof(expr)),
        _ => throw new ArgumentException("unknown expression kind " + expr.GetType().Name, nameof(expr)),
    };

    /// <summary>The word a script writes for <paramref name="advice"/>: <c>hugepage</c>, <c>nohugepage</c> or <c>dontneed</c>.</summary>
    public static string AdviceWord(Mm.MadviseAdvice advice) => advice switch
    {
        Mm.MadviseAdvice.HugePage => "hugepage",
        Mm.MadviseAdvice.NoHugePage => "nohugepage",
        _ => "dontneed",
    };

    /// <summary>Prints permissions as words: <c>read write exec</c> in that order, or <c>none</c>.</summary>
    public static string Print(MemoryPerms perms)
    {
        if (perms == MemoryPerms.None)
        {
            return "none";
        }

        var words = new List<string>(3);
        if ((perms & MemoryPerms.Read) != 0)
        {
            words.Add("read");
        }

        if ((perms & MemoryPerms.Write) != 0)
        {
            words.Add("write");
        }

        if ((perms & MemoryPerms.Exec) != 0)
        {
            words.Add("exec");
        }

        return string.Join(' ', words);
    }

    /// <summary>
    /// A path or argument as a script word: bare when it is safe, otherwise in double quotes with <c>"</c> and
    /// <c>\</c> escaped (empty words, spaces, quotes, backslashes, a leading <c>#</c>).
    /// </summary>
    public static string Word(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        bool bare = word.Length > 0 && word[0] != '#' && !word.Any(c => c is ' ' or '\t' or '"' or '\\');
        return bare ? word : "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static string Literal(long value) =>
        value is >= 0 and < 4096
            ? value.ToString(CultureInfo.InvariantCulture)
            : "0x" + unchecked((ulong)value).ToString("x", CultureInfo.InvariantCulture);

    private static int Precedence(BinaryOperator op) => op == BinaryOperator.Multiply ? 2 : 1;

    private static string Operand(Expr e, int parent, bool right)
    {
        string text = Print(e);
        if (e is not BinaryExpr b)
        {
            return text;
        }

        int own = Precedence(b.Operator);
        return own < parent || (right && own == parent) ? "(" + text + ")" : text;
    }

    // An argument that is not the first on its line must not start with a sign, or it would join the one
    // before it: "munmap a -4K" reads as "a - 4K".
    private static string Separate(Expr e)
    {
        string text = Print(e);
        return text.StartsWith('-') ? "(" + text + ")" : text;
    }

    private static void PrintBlock(StringBuilder sb, NodeList<Statement> body, int indent)
    {
        foreach (var statement in body)
        {
            PrintStatement(sb, statement, indent);
        }
    }

    private static void PrintStatement(StringBuilder sb, Statement statement, int indent)
    {
        sb.Append(' ', indent * 2);
        switch (statement)
        {
            case AccessStatement a:
                sb.Append(a.Kind switch { AccessKind.Read => "read ", AccessKind.Write => "write ", _ => "fetch " }).Append(Print(a.Address));
                if (a.Value is not null)
                {
                    sb.Append(" = ").Append(Print(a.Value));
                }

                break;
            case MallocStatement m:
                sb.Append("malloc ").Append(m.Name).Append(' ').Append(Print(m.Size));
                break;
            case FreeStatement f:
                sb.Append("free ").Append(f.Name);
                break;
            case BrkStatement b:
                string target = Print(b.Address);
                sb.Append("brk ").Append(target.StartsWith('-') ? "(" + target + ")" : target);
                break;
            case SbrkStatement s:
                sb.Append("sbrk ").Append(Print(s.Delta));
                break;
            case MmapStatement m:
                sb.Append("mmap ").Append(m.Name).Append(' ').Append(Separate(m.Size)).Append(' ').Append(Print(m.Perms))
                  .Append(m.Shared ? " shared" : " private");
                if (m.File is not null)
                {
                    sb.Append(" file ").Append(Word(m.File));
                    if (m.Offset is not null)
                    {
                        sb.Append(" offset ").Append(Print(m.Offset));
                    }
                }

                break;
            case MunmapStatement u:
                sb.Append("munmap ").Append(Print(u.Address)).Append(' ').Append(Separate(u.Size));
                break;
            case MprotectStatement p:
                sb.Append("mprotect ").Append(Print(p.Address)).Append(' ').Append(Separate(p.Size)).Append(' ').Append(Print(p.Perms));
                break;
            case MadviseStatement a:
                sb.Append("madvise ").Append(Print(a.Address)).Append(' ').Append(Separate(a.Size)).Append(' ').Append(AdviceWord(a.Advice));
                break;
            case ForkStatement:
                sb.Append("fork");
                break;
            case ExecStatement e:
                sb.Append("exec ").Append(Word(e.Path));
                foreach (string arg in e.Args)
                {
                    sb.Append(' ').Append(Word(arg));
                }

                break;
            case ExitStatement x:
                sb.Append(x.Code is null ? "exit" : "exit " + Print(x.Code));
                break;
            case WaitStatement:
                sb.Append("wait");
                break;
            case YieldStatement:
                sb.Append("yield");
                break;
            case MapsStatement:
                sb.Append("maps");
                break;
            case SmapsStatement:
                sb.Append("smaps");
                break;
            case SleepStatement z:
                sb.Append("sleep ").Append(Print(z.Cycles));
                break;
            case RepeatStatement r:
                sb.Append("repeat ").Append(Print(r.Count)).Append('\n');
                PrintBlock(sb, r.Body, indent + 1);
                sb.Append(' ', indent * 2).Append("end");
                break;
            case ForStatement f:
                sb.Append("for ").Append(f.Variable).Append(" in ").Append(Print(f.From)).Append("..").Append(Print(f.To));
                if (f.Step is not null)
                {
                    sb.Append(" step ").Append(Print(f.Step));
                }

                sb.Append('\n');
                PrintBlock(sb, f.Body, indent + 1);
                sb.Append(' ', indent * 2).Append("end");
                break;
            case IfForkStatement i:
                sb.Append(i.Role switch { ForkRole.Child => "if child\n", ForkRole.Failed => "if failed\n", _ => "if parent\n" });
                PrintBlock(sb, i.Then, indent + 1);
                if (i.Else.Count > 0)
                {
                    sb.Append(' ', indent * 2).Append("else\n");
                    PrintBlock(sb, i.Else, indent + 1);
                }

                sb.Append(' ', indent * 2).Append("end");
                break;
            default:
                throw new ArgumentException("unknown statement kind " + statement.GetType().Name, nameof(statement));
        }

        sb.Append('\n');
    }
}
