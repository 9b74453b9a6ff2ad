namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// Runs a workload one action at a time: each <see cref="Next"/> returns the next concrete
/// <see cref="WorkloadAction"/> with its expressions evaluated. Holds only the program counter, the loop stack,
/// the variables bound so far and the fork role — no kernel state — so the kernel's interpreter, the
/// scheduler and the game's single-step drive it, and a fork clones it.
/// </summary>
/// <remarks>
/// <para>Deterministic: the same program, bindings, resolver answers and fork decisions give the same actions.</para>
/// <para>Symbols resolve innermost first: loop variables, then variables bound with <see cref="Bind"/> (and
/// <c>mmap</c>, the most recent mapping this program made), then the <see cref="WorkloadSymbolResolver"/> the
/// kernel passes to <see cref="Next"/> (regions <c>text data bss heap stack mmap</c> of the process's mm).</para>
/// <para>A failing expression throws <see cref="WorkloadEvaluationException"/> and leaves the cursor finished
/// (the simulated program crashed). Not thread-safe; one cursor per process.</para>
/// </remarks>
public sealed class WorkloadCursor
{
    /// <summary>Most loop/branch steps <see cref="Next"/> runs before it returns a <see cref="ComputeAction"/>.</summary>
    public const int MaxControlStepsPerAction = 1024;

    private readonly WorkloadCode _code;
    private readonly Dictionary<string, long> _bindings;
    private readonly List<LoopFrame> _loops;
    private int _pc;
    private bool _forkPending;
    private string? _mmapPending;

    /// <summary>Starts a cursor at the first statement of <paramref name="program"/>.</summary>
    /// <param name="program">The program to run.</param>
    /// <param name="bindings">Variables already bound (e.g. the sandbox console's, carried from earlier lines).</param>
    public WorkloadCursor(WorkloadProgram program, IEnumerable<KeyValuePair<string, long>>? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        _code = new WorkloadCode(program);
        _bindings = new Dictionary<string, long>(StringComparer.Ordinal);
        _loops = [];
        foreach (var (name, value) in bindings ?? [])
        {
            _bindings[name] = value;
        }
    }

    private WorkloadCursor(WorkloadCursor other)
    {
        _code = other._code;
        _bindings = new Dictionary<string, long>(other._bindings, StringComparer.Ordinal);
        _loops = [.. other._loops];
        _pc = other._pc;
        _forkPending = other._forkPending;
        _mmapPending = other._mmapPending;
        Role = other.Role;
        IsFinished = other.IsFinished;
        ActionCount = other.ActionCount;
    }

    /// <summary>The program being run.</summary>
    public WorkloadProgram Program => _code.Program;

    /// <summary>True after an exit (explicit, or running off the end) or an evaluation error; <see cref="Next"/> then throws.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>What the most recent fork returned to this process (<see cref="ForkRole.None"/> before any).</summary>
    public ForkRole Role { get; private set; }

    /// <summary>How many actions <see cref="Next"/> has returned (including <see cref="ComputeAction"/>s).</summary>
    public long ActionCount { get; private set; }

    /// <summary>Variables bound with <see cref="Bind"/> (including <c>mmap</c> once a mapping was bound).</summary>
    public IReadOnlyDictionary<string, long> Bindings => _bindings;

    /// <summary>The statement the next step starts at (for highlighting); 0:0 at the end of the program.</summary>
    public SourcePosition NextPosition =>
        IsFinished || _pc >= _code.Instructions.Length ? default : _code.Instructions[_pc].Statement.Position;

    /// <summary>Runs to the next action and returns it.</summary>
    /// <param name="regions">Resolves the names the program did not bind itself (regions of the process's mm).</param>
    /// <exception cref="InvalidOperationException">The cursor is finished.</exception>
    /// <exception cref="WorkloadEvaluationException">An expression failed; the cursor is finished.</exception>
    public WorkloadAction Next(WorkloadSymbolResolver regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (IsFinished)
        {
            throw new InvalidOperationException("The workload has finished; it produces no more actions.");
        }

        _forkPending = false;
        _mmapPending = null;
        var resolve = Resolver(regions);
        try
        {
            int steps = 0;
            while (true)
            {
                if (_pc >= _code.Instructions.Length)
                {
                    IsFinished = true;
                    return Count(new ExitAction(default, 0, Implicit: true));
                }

                var instruction = _code.Instructions[_pc];
                if (instruction.Op == WorkloadOp.Act)
                {
                    _pc++;
                    return Count(Produce(instruction.Statement, resolve));
                }

                if (steps == MaxControlStepsPerAction)
                {
                    return Count(new ComputeAction(instruction.Statement.Position, steps));
                }

                steps++;
                Control(instruction, resolve);
            }
        }
        catch (WorkloadEvaluationException)
        {
            IsFinished = true;
            throw;
        }
    }

    /// <summary>
    /// Binds <paramref name="name"/> to <paramref name="value"/> in this process's view, as the kernel does with
    /// the address a <see cref="MallocAction"/> or <see cref="MmapAction"/> returned. Binding the name of the
    /// <see cref="MmapAction"/> just produced also sets <c>mmap</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not an identifier, or is reserved (a keyword or region).</exception>
    public void Bind(string name, long value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!WorkloadSyntax.IsIdentifier(name) || WorkloadSyntax.IsReserved(name))
        {
            throw new ArgumentException($"'{name}' cannot be bound: it is not an identifier or it is reserved.", nameof(name));
        }

        _bindings[name] = value;
        if (string.Equals(name, _mmapPending, StringComparison.Ordinal))
        {
            _bindings["mmap"] = value;
        }
    }

    /// <summary>
    /// Completes the <see cref="ForkAction"/> just returned: this cursor becomes the parent and the returned copy
    /// (same position, loops and bindings) the child. Both continue after the <c>fork</c> statement.
    /// </summary>
    /// <exception cref="InvalidOperationException">The last <see cref="Next"/> did not return a <see cref="ForkAction"/>.</exception>
    public WorkloadCursor Fork()
    {
        if (!_forkPending)
        {
            throw new InvalidOperationException("Fork is only valid right after Next returned a ForkAction.");
        }

        _forkPending = false;
        Role = ForkRole.Parent;
        return new WorkloadCursor(this) { Role = ForkRole.Child };
    }

    /// <summary>
    /// Completes the <see cref="ForkAction"/> just returned when the kernel refused it (fork returned −1): no child
    /// exists, and this process's role becomes <see cref="ForkRole.Failed"/>, so <c>if failed</c> runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The last <see cref="Next"/> did not return a <see cref="ForkAction"/>.</exception>
    public void ForkFailed()
    {
        if (!_forkPending)
        {
            throw new InvalidOperationException("ForkFailed is only valid right after Next returned a ForkAction.");
        }

        _forkPending = false;
        Role = ForkRole.Failed;
    }

    /// <summary>An independent copy in the same state (for snapshots, undo, or trying a step ahead).</summary>
    public WorkloadCursor Clone() => new(this);

    /// <summary>Evaluates an expression in this cursor's current scope (e.g. for an inspector showing <c>heap + i*4096</c>).</summary>
    /// <exception cref="WorkloadEvaluationException">A symbol is unknown or the arithmetic overflows.</exception>
    public long Evaluate(Expr expr, WorkloadSymbolResolver regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return WorkloadEvaluator.Evaluate(expr, Resolver(regions), Program.File);
    }

    private WorkloadAction Count(WorkloadAction action)
    {
        ActionCount++;
        return action;
    }

    private WorkloadSymbolResolver Resolver(WorkloadSymbolResolver regions) => (string name, out long value) =>
    {
        for (int i = _loops.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_loops[i].Variable, name, StringComparison.Ordinal))
            {
                value = _loops[i].Current;
                return true;
            }
        }

        return _bindings.TryGetValue(name, out value) || regions(name, out value);
    };

    private long Eval(Expr expr, WorkloadSymbolResolver resolve) => WorkloadEvaluator.Evaluate(expr, resolve, Program.File);

    private long EvalNonNegative(Expr expr, WorkloadSymbolResolver resolve, string what)
    {
        long value = Eval(expr, resolve);
        return value >= 0
            ? value
            : throw new WorkloadEvaluationException(Program.File, WorkloadEvaluator.StartOf(expr), $"the {what} must not be negative (it is {value})");
    }

    private WorkloadAction Produce(Statement statement, WorkloadSymbolResolver resolve)
    {
        var at = statement.Position;
        switch (statement)
        {
            case AccessStatement a:
                long address = Eval(a.Address, resolve);
                return new MemoryAccessAction(at, a.Kind, address, a.Value is null ? null : Eval(a.Value, resolve));
            case MallocStatement m:
                return new MallocAction(at, m.Name, EvalNonNegative(m.Size, resolve, "malloc size"));
            case FreeStatement f:
                return resolve(f.Name, out long block)
                    ? new FreeAction(at, f.Name, block)
                    : throw new WorkloadEvaluationException(Program.File, at, $"unknown symbol '{f.Name}' (free needs a name bound by malloc)");
            case BrkStatement b:
                return new BrkAction(at, Eval(b.Address, resolve));
            case SbrkStatement s:
                return new SbrkAction(at, Eval(s.Delta, resolve));
            case MmapStatement m:
                long length = EvalNonNegative(m.Size, resolve, "mmap length");
                long offset = m.Offset is null ? 0 : EvalNonNegative(m.Offset, resolve, "file offset");
                _mmapPending = m.Name;
                return new MmapAction(at, m.Name, length, m.Perms, m.Shared, m.File, offset);
            case MunmapStatement u:
                return new MunmapAction(at, Eval(u.Address, resolve), EvalNonNegative(u.Size, resolve, "munmap length"));
            case MprotectStatement p:
                return new MprotectAction(at, Eval(p.Address, resolve), EvalNonNegative(p.Size, resolve, "mprotect length"), p.Perms);
            case MadviseStatement a:
                return new MadviseAction(at, Eval(a.Address, resolve), EvalNonNegative(a.Size, resolve, "madvise length"), a.Advice);
            case ForkStatement:
                _forkPending = true;
                return new ForkAction(at);
            case ExecStatement e:
                return new ExecAction(at, e.Path, e.Args);
            case ExitStatement x:
                long code = x.Code is null ? 0 : Eval(x.Code, resolve);
                IsFinished = true;
                return new ExitAction(at, (int)(code & 0xff), Implicit: false);
            case WaitStatement:
                return new WaitAction(at);
            case YieldStatement:
                return new YieldAction(at);
            case MapsStatement:
                return new MapsAction(at);
            case SmapsStatement:
                return new SmapsAction(at);
            case SleepStatement z:
                return new SleepAction(at, EvalNonNegative(z.Cycles, resolve, "sleep time"));
            default:
                throw new InvalidOperationException("unknown statement kind " + statement.GetType().Name);
        }
    }

    private void Control(WorkloadInstruction instruction, WorkloadSymbolResolver resolve)
    {
        switch (instruction.Op)
        {
            case WorkloadOp.RepeatEnter:
                long count = EvalNonNegative(((RepeatStatement)instruction.Statement).Count, resolve, "repeat count");
                if (count == 0)
                {
                    _pc = instruction.Target;
                    return;
                }

                _loops.Add(new LoopFrame(null, 0, 0, 0, count));
                _pc++;
                return;
            case WorkloadOp.RepeatNext:
                var repeat = _loops[^1];
                if (repeat.Remaining > 1)
                {
                    _loops[^1] = repeat with { Remaining = repeat.Remaining - 1 };
                    _pc = instruction.Target;
                    return;
                }

                _loops.RemoveAt(_loops.Count - 1);
                _pc++;
                return;
            case WorkloadOp.ForEnter:
                EnterFor((ForStatement)instruction.Statement, instruction.Target, resolve);
                return;
            case WorkloadOp.ForNext:
                var frame = _loops[^1];

                // Stepping past the 64-bit range is stepping past any bound: the loop is over, not an error.
                bool more = !OverflowsOnStep(frame.Current, frame.Step, out long next) && InRange(next, frame.Limit, frame.Step);
                if (more)
                {
                    _loops[^1] = frame with { Current = next };
                    _pc = instruction.Target;
                    return;
                }

                _loops.RemoveAt(_loops.Count - 1);
                _pc++;
                return;
            case WorkloadOp.BranchUnlessRole:
                _pc = Role == ((IfForkStatement)instruction.Statement).Role ? _pc + 1 : instruction.Target;
                return;
            case WorkloadOp.Jump:
                _pc = instruction.Target;
                return;
            default:
                throw new InvalidOperationException("unknown op " + instruction.Op);
        }
    }

    private void EnterFor(ForStatement f, int exit, WorkloadSymbolResolver resolve)
    {
        long from = Eval(f.From, resolve);
        long to = Eval(f.To, resolve);
        long step = f.Step is null ? 1 : Eval(f.Step, resolve);
        if (step == 0)
        {
            throw new WorkloadEvaluationException(Program.File, WorkloadEvaluator.StartOf(f.Step!), "a loop step must not be 0");
        }

        if (!InRange(from, to, step))
        {
            _pc = exit;
            return;
        }

        _loops.Add(new LoopFrame(f.Variable, from, to, step, 0));
        _pc++;
    }

    private static bool OverflowsOnStep(long current, long step, out long next)
    {
        next = unchecked(current + step);
        return step > 0 ? next < current : next > current;
    }

    private static bool InRange(long value, long limit, long step) => step > 0 ? value < limit : value > limit;

    /// <summary>One active loop: a for's variable, value, bound and step, or a repeat's remaining count.</summary>
    private readonly record struct LoopFrame(string? Variable, long Current, long Limit, long Step, long Remaining);
}
