using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;
using MachineAccess = VmQuest.Engine.Machine.Walk.AccessKind;

namespace VmQuest.Play.Translate;

/// <summary>
/// One play of a translate level (DESIGN.md §7 mechanic 1), headless: the level's one workload process runs on the
/// level's machine and kernel, and before each of its memory accesses the player translates the address by hand —
/// the index and entry at each level of the walk, then the physical address or the fault — checked at every step
/// against the MMU's own walk (<see cref="MmuProbe"/>). Deterministic: the level, the seed and the applied actions
/// determine every state.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one translation: tick T is the program's memory access T (0-based). The session waits in
/// the tick while the player walks; once the answer is right the kernel performs the access (a not-present fault is
/// then served by the kernel's demand paging, a protection fault kills the program with SIGSEGV) and runs the
/// program's other statements up to its next access.</para>
/// <para><b>Actions</b> (replay lines): <c>entry level=L index=N</c> reads entry N of the level-L table (levels in
/// order from the root; each read costs the machine's walk memory reference on the simulated clock, as the walker
/// pays it); <c>physical pa=0x…</c> answers the physical address (at once when the TLB holds the translation, else
/// after the leaf); <c>fault kind=not-present|protection|out-of-range|reserved</c> answers that the access faults
/// (after the entry where the walk stops).</para>
/// </remarks>
public sealed class TranslateSession : LevelSession
{
    /// <summary>The action that reads one entry of the walk.</summary>
    public const string EntryKind = "entry";

    /// <summary>The action that answers the physical address.</summary>
    public const string PhysicalKind = "physical";

    /// <summary>The action that answers that the access faults.</summary>
    public const string FaultKind = "fault";

    // The width of a workload access (the runner's default): what a program's read or write touches.
    private const ulong AccessWidth = 8;

    // A program that runs this many statements without a memory access is looping for ever (a level defect).
    private const int MaxStepsBetweenAccesses = 1_000_000;

    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions];

    private readonly KernelCore _kernel;
    private readonly WorkloadRunner _runner;
    private readonly TranslateLessons _lessons;
    private readonly int _goal;
    private PendingTranslation? _pending;
    private bool _answered;

    /// <summary>Boots the level's machine and kernel and starts its program; nothing has run yet.</summary>
    /// <exception cref="FormatParseException">The level asks for something a translate session cannot play or measure (one line, naming the level file).</exception>
    public TranslateSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
        : base(level, seed, hashInterval)
    {
        CheckPlayable(level);
        _goal = level.Goals.OfType<TranslationsGoal>().Max(g => g.Count);
        var machine = LevelMachine.Of(level);
        _lessons = new TranslateLessons(machine);
        _kernel = new KernelCore(machine, LevelMachine.KernelOptionsOf(level, seed));
        _runner = new WorkloadRunner(_kernel);
        var process = level.Processes[0];
        Pid = _runner.Spawn(process.Program!, process.Name);
        if (Pid < 0)
        {
            throw new FormatParseException(level.SourcePath, $"the kernel cannot create process '{process.Name}' on the level's machine");
        }

        _kernel.SwitchTo(Pid);
        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <summary>The process whose accesses are translated.</summary>
    public int Pid { get; }

    /// <summary>How many translations win the level.</summary>
    public int Goal => _goal;

    /// <summary>The translation the player is doing now, or null between translations and after the end.</summary>
    public PendingTranslation? Pending => IsWaiting ? _pending : null;

    /// <inheritdoc/>
    public override long? Length => _goal;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds { get; } = [EntryKind, PhysicalKind, FaultKind];

    /// <summary>Reads entry <paramref name="index"/> of the level-<paramref name="level"/> table; null when accepted, else why not.</summary>
    public string? ReadEntry(int level, ulong index) =>
        Act(EntryKind, [new("level", level.ToString(CultureInfo.InvariantCulture)), new("index", index.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>Answers the physical address; null when accepted, else why not.</summary>
    public string? AnswerPhysical(ulong physicalAddress) => Act(PhysicalKind, [new("pa", Hex(physicalAddress))]);

    /// <summary>Answers that the access faults (a <see cref="FaultWords"/> word); null when accepted, else why not.</summary>
    public string? AnswerFault(string kind) => Act(FaultKind, [new("kind", kind)]);

    /// <summary>An address as the actions write it: lowercase hex with 0x.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action)
    {
        var t = _pending ?? throw new InvalidOperationException("waiting with no translation pending");
        return action.Kind switch
        {
            EntryKind => DecideEntry(t, action),
            PhysicalKind => DecidePhysical(t, action),
            FaultKind => DecideFault(t, action),
            _ => Refuse(
                $"'{action.Kind}' is not an action of this level (its actions: entry level=L index=N, physical pa=0x…, fault kind=K)",
                $"“{action.Kind}”不是本关的操作（本关的操作：entry level=L index=N、physical pa=0x…、fault kind=K）"),
        };
    }

    /// <inheritdoc/>
    protected override string NothingPending() => Tick >= _goal || _pending is null
        ? Refuse("no translation is pending: the program makes no more memory accesses to translate", "没有待做的翻译：程序不再有需要翻译的内存访问")
        : Refuse(base.NothingPending(), string.Create(CultureInfo.InvariantCulture, $"第 {Tick} 个 tick 没有待做的决定：内核只在需要决定时才询问"));

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        if (_pending is null)
        {
            // Waiting with nothing pending means the program is over; the goals then end the run.
            _pending = RunToNextAccess();
            return TickOutcome.Waiting;
        }

        if (!_answered)
        {
            return TickOutcome.Waiting;
        }

        PerformAccess(_pending);
        _pending = null;
        _answered = false;
        return TickOutcome.Completed;
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals()
    {
        if (Tick >= _goal)
        {
            return GoalState.Won;
        }

        return _pending is null && !_runner.Programs.ContainsKey(Pid) && IsWaiting
            ? GoalState.Failed(
                string.Create(CultureInfo.InvariantCulture, $"the program ended after {Tick} translations, but the level needs {_goal}"),
                string.Create(CultureInfo.InvariantCulture, $"程序在 {Tick} 次翻译后就结束了，但本关需要 {_goal} 次"))
            : GoalState.Running;
    }

    /// <inheritdoc/>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => Kernel.Machine.Clock.Cycles,
        MetricKind.Faults => Counters.Faults,
        MetricKind.TlbMisses => Kernel.Machine.Mmu.TlbMisses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a translate session does not measure this"),
    };

    private string? DecideEntry(PendingTranslation t, ReplayAction action)
    {
        if (action.Arguments.Count != 2 || action.Arguments[0].Key != "level" || action.Arguments[1].Key != "index"
            || !int.TryParse(action.Arguments[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            || !ulong.TryParse(action.Arguments[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || level >= Kernel.Machine.Description.Levels.Count)
        {
            return Refuse(
                string.Create(CultureInfo.InvariantCulture,
                    $"an entry action takes level=L (0 to {Kernel.Machine.Description.Levels.Count - 1}, from the root) and index=N (decimal)"),
                string.Create(CultureInfo.InvariantCulture,
                    $"entry 操作需要 level=L（0 到 {Kernel.Machine.Description.Levels.Count - 1}，从根数起）和 index=N（十进制）"));
        }

        if (t.WalkComplete)
        {
            return Say(_lessons.WalkIsOver(t));
        }

        if (level != t.EntriesRead)
        {
            return Say(_lessons.WrongLevel(t, level));
        }

        if (index != t.Steps[level].Index)
        {
            return Say(_lessons.WrongIndex(t, level, index));
        }

        t.EntriesRead++;
        // The player is the walker: reading an entry is one memory reference, as the hardware walk pays it.
        Kernel.Machine.Clock.Advance(Kernel.Machine.Description.Costs.WalkMemoryReference);
        return null;
    }

    private string? DecidePhysical(PendingTranslation t, ReplayAction action)
    {
        if (action.Arguments.Count != 1 || action.Arguments[0].Key != "pa" || !TryParseHex(action.Arguments[0].Value, out var pa))
        {
            return Refuse("a physical action takes one argument, pa=0x… (the physical address in hex)", "physical 操作只有一个参数 pa=0x…（十六进制的物理地址）");
        }

        if (t.EntriesRead == 0 && t.TlbAnswer is { } cached)
        {
            return Accept(pa == cached ? null : _lessons.WrongPhysical(t, pa, cached));
        }

        if (!t.WalkComplete)
        {
            return Say(_lessons.WalkNotOver(t, answeringFault: false));
        }

        if (!t.Outcome.IsOk)
        {
            return Say(_lessons.FaultsInstead(t));
        }

        return Accept(pa == t.Outcome.PhysicalAddress ? null : _lessons.WrongPhysical(t, pa, t.Outcome.PhysicalAddress));
    }

    private string? DecideFault(PendingTranslation t, ReplayAction action)
    {
        if (action.Arguments.Count != 1 || action.Arguments[0].Key != "kind" || !FaultWords.All.Contains(action.Arguments[0].Value))
        {
            return Refuse(
                $"a fault action takes one argument, kind=K, one of: {string.Join(", ", FaultWords.All)}",
                $"fault 操作只有一个参数 kind=K，取值为以下之一：{string.Join("、", FaultWords.All)}");
        }

        var said = action.Arguments[0].Value;
        if (!t.WalkComplete || (t.EntriesRead == 0 && t.TlbAnswer is not null))
        {
            return Say(_lessons.WalkNotOver(t, answeringFault: true));
        }

        if (t.FaultWord is not { } right)
        {
            return Say(TranslateLessons.TranslatesInstead(t));
        }

        return Accept(said == right ? null : _lessons.WrongFault(t, said));
    }

    private string? Accept(Refusal? refusal)
    {
        _answered = refusal is null;
        return refusal is { } r ? Say(r) : null;
    }

    // A lesson refused in both languages.
    private string Say(Refusal refusal) => Refuse(refusal.En, refusal.Zh);

    // Runs the program's statements that are not memory accesses, and returns its next access (walked by the MMU
    // probe now, before the kernel makes it), or null when the program has ended.
    private PendingTranslation? RunToNextAccess()
    {
        for (var steps = 0; steps < MaxStepsBetweenAccesses; steps++)
        {
            if (!_runner.Programs.TryGetValue(Pid, out var cursor) || cursor.IsFinished)
            {
                return null;
            }

            WorkloadAction next;
            try
            {
                next = cursor.Clone().Next(Resolve);
            }
            catch (WorkloadEvaluationException)
            {
                _runner.Step(); // the program crashes on this line, as the runner narrates it
                continue;
            }

            if (next is ForkAction or ExecAction)
            {
                throw new FormatParseException(Level.SourcePath,
                    $"line {next.Position.Line}: a translate level's program may not fork or exec (its one process's accesses are the translations)");
            }

            if (next is MemoryAccessAction access)
            {
                return Probe(access);
            }

            _runner.Step();
        }

        throw new FormatParseException(Level.SourcePath, $"the program ran {MaxStepsBetweenAccesses} statements without a memory access: it never reaches its next translation");
    }

    private PendingTranslation Probe(MemoryAccessAction access)
    {
        var va = unchecked((ulong)access.Address);
        var kind = access.Kind switch
        {
            Engine.Kernel.Workloads.AccessKind.Write => MachineAccess.Write,
            Engine.Kernel.Workloads.AccessKind.Fetch => MachineAccess.Execute,
            _ => MachineAccess.Read,
        };
        var (outcome, steps) = MmuProbe.Walk(Kernel.Machine, va, kind);
        ulong? cached = MmuProbe.TryTlb(Kernel.Machine, va, kind, out var pa) ? pa : null;
        return new PendingTranslation(va, kind, (int)Math.Min(access.Position.Line, int.MaxValue), outcome, steps, cached);
    }

    private void PerformAccess(PendingTranslation t)
    {
        var hitsBefore = Kernel.Machine.Mmu.TlbHits;
        var step = _runner.Step() ?? throw new InvalidOperationException($"level {Level.Id}: the program did not make its access at tick {Tick}");
        if (step.Action is not MemoryAccessAction || step.Access is not { } result)
        {
            throw new InvalidOperationException($"level {Level.Id}: the program's next step at tick {Tick} was {step.Action.GetType().Name}, not the access translated");
        }

        // The probe promised what the MMU would do; the real access must agree, or the player was checked against a
        // wrong walk. (An access that crosses into the next page translates that page too, so its hits say less.)
        var pageSize = Kernel.Machine.Description.PageSize;
        var onePage = (t.VirtualAddress & (pageSize - 1)) + AccessWidth <= pageSize;
        var hit = Kernel.Machine.Mmu.TlbHits > hitsBefore;
        if (onePage && (t.TlbAnswer is not null != hit
            || (t.Outcome.IsOk && result.Completed && result.Fault is null && result.PhysicalAddress != t.Outcome.PhysicalAddress)))
        {
            throw new InvalidOperationException($"level {Level.Id}: the MMU's access at tick {Tick} differs from the walk the player was checked against");
        }
    }

    private bool Resolve(string name, out long value) => WorkloadImage.TryResolve(Kernel.MmOf(Pid), name, out value);

    private static bool TryParseHex(string text, out ulong value)
    {
        value = 0;
        return text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    // A workload process needs its usual x86-64 addresses, or the compact layout of a small machine (a one-level
    // table such as translate-split's) with room for it.
    private static bool HoldsAProcess(Engine.Machine.Description.MachineDescription machine)
    {
        var end = KernelCore.UserSpaceEnd(machine);
        return WorkloadImage.IsCompact(end) ? WorkloadImage.FitsCompact(machine.PageSize, end) : end >= WorkloadImage.StackTop;
    }

    private static void CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.Translate))
        {
            throw new FormatParseException(level.SourcePath,
                $"a translate level hands the player only the translate mechanic, not {string.Join(", ", level.Player.Mechanics.Where(m => m != Mechanic.Translate).Select(m => m.Name()))}");
        }

        if (level.Processes.Count != 1 || level.Processes[0].Program is null || level.Traces.Count > 0)
        {
            throw new FormatParseException(level.SourcePath, "a translate level runs exactly one workload process (program or program-file) and no traces: its memory accesses are the translations");
        }

        if (!HoldsAProcess(level.Machine.Description))
        {
            throw new FormatParseException(level.SourcePath,
                $"machine {level.Machine.Name} cannot run a translate level's program: a workload process is laid out as on x86-64 (text at 0x400000, its stack below 0x{WorkloadImage.StackTop:x}), so the machine must translate 48-bit addresses, or be a small machine whose user space ends below 0x400000 with pages of 4 KiB or more and at least 16 of them");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a translate level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not TranslationsGoal) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a translate level (its goal: translations)");
        }
    }
}
