using System.Globalization;

namespace VmQuest.Play.Policy.Language;

/// <summary>
/// Runs a compiled policy's handlers against <see cref="IPolicyMemory"/>. Integer-only and deterministic; every
/// run of a handler is bounded by <see cref="StepBudget"/> steps (a statement executed, a page looked at or a
/// scan key computed is one step), and exceeding it is a <see cref="PolicyRuntimeException"/>.
/// </summary>
public sealed class PolicyInterpreter(PolicyProgram program)
{
    /// <summary>Most steps one run of a handler (one decision, one tick, one load) may take.</summary>
    public const int StepBudget = 10_000;

    private enum Flow
    {
        Next,
        Skip,
        Evict,
    }

    private int _steps;
    private PolicyStatement? _budgetSite;

    /// <summary>The policy being run.</summary>
    public PolicyProgram Program { get; } = program ?? throw new ArgumentNullException(nameof(program));

    /// <summary>Steps taken by every handler run so far (each costs the kernel a cycle).</summary>
    public long TotalSteps { get; private set; }

    /// <summary>Runs <c>on load</c> for <paramref name="page"/>, just loaded (nothing when the policy has none).</summary>
    public void Loaded(IPolicyMemory memory, PolicyPage page)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(page);
        if (Program.OnLoad is { } body)
        {
            Begin(body[0]);
            Run(body, memory, page);
        }
    }

    /// <summary>Runs <c>on tick</c> for every resident page, oldest first, when <paramref name="tick"/> is a multiple of its period.</summary>
    public void Tick(IPolicyMemory memory, long tick)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (Program.OnTick is not { } body || tick % Program.TickEvery != 0)
        {
            return;
        }

        Begin(body[0]);
        foreach (var page in memory.Pages)
        {
            Step();
            Run(body, memory, page);
        }
    }

    /// <summary>
    /// Runs <c>on evict</c>: passes over the resident pages in ascending scan key (ties oldest first), running the
    /// body for each, until one is evicted; a pass that evicts none is followed by another (keys computed afresh).
    /// </summary>
    /// <exception cref="PolicyRuntimeException">The budget ran out before a victim was chosen, or arithmetic failed.</exception>
    public PolicyPage ChooseVictim(IPolicyMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (memory.Pages.Count == 0)
        {
            throw new InvalidOperationException("no page is resident: the kernel asks for a victim only when one is");
        }

        Begin(Program.OnEvict[0]);
        while (true)
        {
            var order = new List<(long Key, PolicyPage Page)>(memory.Pages.Count);
            foreach (var page in memory.Pages)
            {
                Step();
                order.Add((Evaluate(Program.ScanKey, memory, page), page));
            }

            order.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Page.Loaded.CompareTo(b.Page.Loaded));
            foreach (var (_, page) in order)
            {
                Step();
                if (Run(Program.OnEvict, memory, page) == Flow.Evict)
                {
                    return page;
                }
            }
        }
    }

    private void Begin(PolicyStatement site)
    {
        _steps = 0;
        _budgetSite = site;
    }

    private void Step()
    {
        TotalSteps++;
        if (++_steps > StepBudget)
        {
            var site = _budgetSite!;
            throw new PolicyRuntimeException(site.Line, site.Column,
                string.Create(CultureInfo.InvariantCulture,
                    $"the policy took more than {StepBudget} steps in one run of this section (on evict: every pass over the pages must evict one or change what the next pass sees)"),
                string.Create(CultureInfo.InvariantCulture,
                    $"策略在这一段的一次运行中用了超过 {StepBudget} 步（on evict：每一轮扫描页都必须换出一页，或者改变下一轮看到的内容）"));
        }
    }

    private Flow Run(IReadOnlyList<PolicyStatement> body, IPolicyMemory memory, PolicyPage page)
    {
        foreach (var statement in body)
        {
            Step();
            var flow = statement switch
            {
                PolicyAssign assign => Assign(assign, memory, page),
                PolicyClearAccessed => Clear(memory, page),
                PolicyEvict => Flow.Evict,
                PolicySkip => Flow.Skip,
                PolicyIf test => Evaluate(test.Test, memory, page) != 0 ? Run(test.Then, memory, page) : Flow.Next,
                _ => throw new InvalidOperationException("unknown statement " + statement.GetType().Name),
            };
            if (flow != Flow.Next)
            {
                return flow;
            }
        }

        return Flow.Next;
    }

    private static Flow Assign(PolicyAssign assign, IPolicyMemory memory, PolicyPage page)
    {
        page.Registers[assign.Register] = Evaluate(assign.Value, memory, page);
        return Flow.Next;
    }

    private static Flow Clear(IPolicyMemory memory, PolicyPage page)
    {
        memory.ClearAccessed(page);
        return Flow.Next;
    }

    private static long Evaluate(PolicyExpr expr, IPolicyMemory memory, PolicyPage page)
    {
        try
        {
            return checked(expr switch
            {
                PolicyLiteral literal => literal.Value,
                PolicyRegisterRead register => page.Registers[register.Register],
                PolicyFieldRead field => Read(field.Field, memory, page),
                PolicyUnary { Operator: "-" } negate => -Evaluate(negate.Operand, memory, page),
                PolicyUnary not => Evaluate(not.Operand, memory, page) == 0 ? 1 : 0,
                PolicyBinary binary => Binary(binary, memory, page),
                _ => throw new InvalidOperationException("unknown expression " + expr.GetType().Name),
            });
        }
        catch (OverflowException)
        {
            throw new PolicyRuntimeException(expr.Line, expr.Column, "the value does not fit 64 bits (−2^63 to 2^63−1)", "数值超出 64 位范围（−2^63 到 2^63−1）");
        }
    }

    private static long Binary(PolicyBinary binary, IPolicyMemory memory, PolicyPage page)
    {
        long left = Evaluate(binary.Left, memory, page);
        // 'and' and 'or' look at their right side only when it decides (so 'x != 0 and 100 / x > 3' is safe).
        switch (binary.Operator)
        {
            case "and":
                return left != 0 && Evaluate(binary.Right, memory, page) != 0 ? 1 : 0;
            case "or":
                return left != 0 || Evaluate(binary.Right, memory, page) != 0 ? 1 : 0;
        }

        long right = Evaluate(binary.Right, memory, page);
        if (binary.Operator is "/" or "%" && right == 0)
        {
            throw new PolicyRuntimeException(binary.Line, binary.Column, "division by zero", "除数为零");
        }

        return checked(binary.Operator switch
        {
            "+" => left + right,
            "-" => left - right,
            "*" => left * right,
            "/" => left / right,
            "%" => left % right,
            "<" => left < right ? 1 : 0,
            "<=" => left <= right ? 1 : 0,
            ">" => left > right ? 1 : 0,
            ">=" => left >= right ? 1 : 0,
            "==" => left == right ? 1 : 0,
            "!=" => left != right ? 1 : 0,
            _ => throw new InvalidOperationException("unknown operator " + binary.Operator),
        });
    }

    private static long Read(PolicyField field, IPolicyMemory memory, PolicyPage page) => field switch
    {
        PolicyField.Accessed => memory.Accessed(page),
        PolicyField.Dirty => memory.Dirty(page),
        PolicyField.Loaded => page.Loaded,
        PolicyField.File => page.IsFile ? 1 : 0,
        PolicyField.Owner => page.Owner,
        PolicyField.Page => page.Page,
        PolicyField.Frame => (long)page.Frame,
        PolicyField.Now => memory.Now,
        PolicyField.Resident => memory.Pages.Count,
        PolicyField.Stamp => memory.NextStamp(),
        _ => throw new InvalidOperationException("unknown field " + field),
    };
}
