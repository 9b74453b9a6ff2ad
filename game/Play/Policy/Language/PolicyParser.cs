using System.Globalization;

namespace VmQuest.Play.Policy.Language;

/// <summary>
/// Compiles a policy text (docs/mechanics/policy.md, "The language"). The grammar:
/// <code>
/// policy    := section { section }
/// section   := "on" ( "load" | "tick" INT | "evict" "scan" expr ) ":" [ line ] NL { line NL }
/// line      := [ "if" expr ":" ] statement { ";" statement }
/// statement := REGISTER "=" expr | "clear" "accessed" | "evict" | "skip"
/// expr      := and { "or" and };  and := not { "and" not };  not := "not" not | compare
/// compare   := sum [ ("&lt;"|"&lt;="|"&gt;"|"&gt;="|"=="|"!=") sum ];  sum := term { ("+"|"-") term }
/// term      := unary { ("*"|"/"|"%") unary };  unary := "-" unary | INT | NAME | "(" expr ")"
/// </code>
/// A section's body is every line up to the next line that starts with <c>on</c>. Every error is one
/// <see cref="PolicySyntaxException"/>: <c>LINE:COL: what was expected</c>.
/// </summary>
public sealed class PolicyParser
{
    /// <summary>Largest period of <c>on tick N</c>.</summary>
    public const int MaxTickEvery = 1_000_000;

    private readonly IReadOnlyList<PolicyToken> _tokens;
    private readonly List<string> _registers = [];
    private int _at;
    private bool _inEvict;

    private PolicyParser(IReadOnlyList<PolicyToken> tokens) => _tokens = tokens;

    /// <summary>Compiles <paramref name="text"/>.</summary>
    /// <exception cref="PolicySyntaxException">The text is not a policy (the first error, with its line and column).</exception>
    public static PolicyProgram Parse(string text)
    {
        var tokens = PolicyLexer.Tokenize(text);
        return new PolicyParser(tokens).Program();
    }

    private PolicyToken Current => _tokens[_at];

    private PolicyProgram Program()
    {
        IReadOnlyList<PolicyStatement>? onLoad = null, onTick = null, onEvict = null;
        PolicyExpr? scanKey = null;
        int tickEvery = 0;
        if (Current.Kind == PolicyTokenKind.End)
        {
            throw Error(Current, "expected a policy: at least the section 'on evict scan KEY:' (see docs/mechanics/policy.md)",
                "这里应当是一个策略：至少要有 'on evict scan KEY:' 这一段（见 docs/mechanics/policy.md）");
        }

        while (Current.Kind != PolicyTokenKind.End)
        {
            var on = Expect("on", "expected a section, 'on load:', 'on tick N:' or 'on evict scan KEY:'", "这里应当是一段：'on load:'、'on tick N:' 或 'on evict scan KEY:'");
            var what = Current;
            if (what.Is("load"))
            {
                _at++;
                onLoad = onLoad is null ? Body(on) : throw Error(on, "'on load' is already written above: write each section once", "上面已经写过 'on load' 了：每一段只写一次");
            }
            else if (what.Is("tick"))
            {
                _at++;
                var period = Current;
                if (period.Kind != PolicyTokenKind.Number || period.Value < 1 || period.Value > MaxTickEvery)
                {
                    throw Error(period,
                        string.Create(CultureInfo.InvariantCulture,
                            $"expected how many references apart the tick runs, 1 to {MaxTickEvery}, found {period.Describe()}"),
                        string.Create(CultureInfo.InvariantCulture,
                            $"这里应当是 tick 每隔多少次引用运行一次，1 到 {MaxTickEvery}，却是 {period.DescribeZh()}"));
                }

                _at++;
                onTick = onTick is null ? Body(on) : throw Error(on, "'on tick' is already written above: write each section once", "上面已经写过 'on tick' 了：每一段只写一次");
                tickEvery = (int)period.Value;
            }
            else if (what.Is("evict"))
            {
                _at++;
                if (onEvict is not null)
                {
                    throw Error(on, "'on evict' is already written above: write each section once", "上面已经写过 'on evict' 了：每一段只写一次");
                }

                Expect("scan", "expected 'scan KEY' after 'on evict': the order the pages are looked at in, smallest key first", "'on evict' 之后应当是 'scan KEY'：查看各页的顺序，键最小的先看");
                scanKey = Expression();
                _inEvict = true;
                onEvict = Body(on);
                _inEvict = false;
            }
            else
            {
                throw Error(what, $"expected 'load', 'tick N' or 'evict scan KEY' after 'on', found {what.Describe()}", $"'on' 之后应当是 'load'、'tick N' 或 'evict scan KEY'，却是 {what.DescribeZh()}");
            }
        }

        if (onEvict is null || scanKey is null)
        {
            throw Error(_tokens[0], "a policy needs the section 'on evict scan KEY:', which chooses the victim", "策略需要 'on evict scan KEY:' 这一段，由它选择被换出的页");
        }

        int size = _tokens.Count(t => t.Kind is not (PolicyTokenKind.NewLine or PolicyTokenKind.End));
        return new PolicyProgram(onLoad, tickEvery, onTick, scanKey, onEvict, [.. _registers], size);
    }

    private List<PolicyStatement> Body(PolicyToken on)
    {
        Expect(":", "expected ':' to end the section's header", "这里应当是结束段头的 ':'");
        var body = new List<PolicyStatement>();
        if (Current.Kind != PolicyTokenKind.NewLine)
        {
            body.AddRange(Line());
        }

        ExpectLineEnd();
        while (Current.Kind != PolicyTokenKind.End && !Current.Is("on"))
        {
            body.AddRange(Line());
            ExpectLineEnd();
        }

        if (body.Count == 0)
        {
            throw Error(on, "a section needs at least one statement after its ':'", "一段在 ':' 之后至少要有一条语句");
        }

        return body;
    }

    private List<PolicyStatement> Line()
    {
        if (Current.Is("if"))
        {
            var start = Current;
            _at++;
            var test = Expression();
            Expect(":", "expected ':' after the test of 'if', then the statements to run when it holds", "'if' 的条件之后应当是 ':'，然后是条件成立时要运行的语句");
            return [new PolicyIf(start.Line, start.Column, test, Statements())];
        }

        return Statements();
    }

    private List<PolicyStatement> Statements()
    {
        var statements = new List<PolicyStatement> { Statement() };
        while (Current.Is(";"))
        {
            _at++;
            statements.Add(Statement());
        }

        return statements;
    }

    private PolicyStatement Statement()
    {
        var start = Current;
        if (start.Is("evict"))
        {
            _at++;
            return _inEvict
                ? new PolicyEvict(start.Line, start.Column)
                : throw Error(start, "'evict' chooses the victim, so it belongs in 'on evict' only", "'evict' 选择被换出的页，所以只能写在 'on evict' 里");
        }

        if (start.Is("skip"))
        {
            _at++;
            return new PolicySkip(start.Line, start.Column);
        }

        if (start.Is("clear"))
        {
            _at++;
            if (Current.Is("dirty"))
            {
                throw Error(Current, "only 'accessed' can be cleared: clearing 'dirty' would lose the page's unwritten data (Linux clears it only when writing the page back)", "只有 'accessed' 可以清除：清除 'dirty' 会丢失该页尚未写回的数据（Linux 只在把页写回时才清除它）");
            }

            Expect("accessed", "expected 'accessed' after 'clear'", "'clear' 之后应当是 'accessed'");
            return new PolicyClearAccessed(start.Line, start.Column);
        }

        if (start.Kind == PolicyTokenKind.Name && !PolicyNames.Keywords.Contains(start.Text))
        {
            if (PolicyNames.Fields.ContainsKey(start.Text))
            {
                throw Error(start, $"'{start.Text}' is what the kernel knows of the page, so it cannot be set; keep your own counters in registers (any other name)", $"'{start.Text}' 是内核掌握的页面信息，不能赋值；请把你自己的计数放在寄存器里（用任何别的名字）");
            }

            _at++;
            Expect("=", $"expected '=' after '{start.Text}', to set the register", $"'{start.Text}' 之后应当是 '='，给寄存器赋值");
            return new PolicyAssign(start.Line, start.Column, Register(start), Expression());
        }

        throw Error(start, $"expected a statement: REGISTER = EXPR, 'clear accessed', 'evict', 'skip' or 'if TEST:', found {start.Describe()}", $"这里应当是一条语句：REGISTER = EXPR、'clear accessed'、'evict'、'skip' 或 'if TEST:'，却是 {start.DescribeZh()}");
    }

    private PolicyExpr Expression() => Binary(0);

    // Operator levels, loosest first: or; and; comparisons; + -; * / %.
    private static readonly string[][] Levels =
    [
        ["or"], ["and"], ["<", "<=", ">", ">=", "==", "!="], ["+", "-"], ["*", "/", "%"],
    ];

    private PolicyExpr Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }

        if (level == 2 && Current.Is("not"))
        {
            var not = Current;
            _at++;
            return new PolicyUnary(not.Line, not.Column, "not", Binary(2));
        }

        var left = Binary(level + 1);
        while (Current.Kind is PolicyTokenKind.Symbol or PolicyTokenKind.Name && Levels[level].Contains(Current.Text))
        {
            var op = Current;
            _at++;
            var right = Binary(level + 1);
            left = new PolicyBinary(op.Line, op.Column, op.Text, left, right);
            if (level == 2 && Current.Kind == PolicyTokenKind.Symbol && Levels[2].Contains(Current.Text))
            {
                throw Error(Current, "comparisons do not chain: write 'a < b and b < c'", "比较不能连写：请写成 'a < b and b < c'");
            }
        }

        return left;
    }

    private PolicyExpr Unary()
    {
        var token = Current;
        _at++;
        switch (token.Kind)
        {
            case PolicyTokenKind.Number:
                return new PolicyLiteral(token.Line, token.Column, token.Value);
            case PolicyTokenKind.Symbol when token.Text == "-":
                return new PolicyUnary(token.Line, token.Column, "-", Unary());
            case PolicyTokenKind.Symbol when token.Text == "(":
                var inner = Expression();
                Expect(")", "expected ')' to close the '('", "这里应当是闭合 '(' 的 ')'");
                return inner;
            case PolicyTokenKind.Name when PolicyNames.Fields.TryGetValue(token.Text, out var field):
                return new PolicyFieldRead(token.Line, token.Column, field);
            case PolicyTokenKind.Name when !PolicyNames.Keywords.Contains(token.Text):
                return new PolicyRegisterRead(token.Line, token.Column, Register(token), token.Text);
            default:
                throw Error(token, $"expected a value: a number, a field such as 'accessed', a register or '(', found {token.Describe()}", $"这里应当是一个值：数字、字段（如 'accessed'）、寄存器或 '('，却是 {token.DescribeZh()}");
        }
    }

    private int Register(PolicyToken name)
    {
        int index = _registers.IndexOf(name.Text);
        if (index >= 0)
        {
            return index;
        }

        if (_registers.Count == PolicyNames.MaxRegisters)
        {
            throw Error(name, $"a page has {PolicyNames.MaxRegisters} registers at most ({string.Join(", ", _registers)}); '{name.Text}' would be one more", $"每页最多 {PolicyNames.MaxRegisters} 个寄存器（{string.Join("、", _registers)}）；'{name.Text}' 会多出一个");
        }

        _registers.Add(name.Text);
        return _registers.Count - 1;
    }

    private PolicyToken Expect(string text, string expected, string expectedZh)
    {
        var token = Current;
        if (!token.Is(text))
        {
            throw Error(token, $"{expected}, found {token.Describe()}", $"{expectedZh}，却是 {token.DescribeZh()}");
        }

        _at++;
        return token;
    }

    private void ExpectLineEnd()
    {
        if (Current.Kind == PolicyTokenKind.End)
        {
            return;
        }

        if (Current.Kind != PolicyTokenKind.NewLine)
        {
            throw Error(Current, $"expected the end of the line (or ';' and another statement), found {Current.Describe()}", $"这里应当是行尾（或 ';' 加另一条语句），却是 {Current.DescribeZh()}");
        }

        _at++;
    }

    private static PolicySyntaxException Error(PolicyToken at, string expected, string expectedZh) => new(at.Line, at.Column, expected, expectedZh);
}
