using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Model;
using VmQuest.Play.Policy.Language;
using VmQuest.Play.Rules;
using VmQuest.Replays;

namespace VmQuest.Play.Policy;

/// <summary>
/// One play of a policy level (DESIGN.md §7 mechanic 7), headless: the player writes a replacement policy in the
/// rule language (docs/mechanics/policy.md) and submits it at tick 0; from then on it chooses every victim while
/// the level's reference string runs in one process, one reference per tick. At the end the same policy runs on
/// the level's hidden tests, seeded when they run (<see cref="IHiddenTestSeeds"/>), and must fault no more than
/// the level's baseline on each. Deterministic up to the hidden seeds: the level, the seed and the action decide
/// every state hash and every metric; the hidden tests only decide whether the run is won.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one reference: tick T runs <c>on tick</c> (when T is a multiple of its period), makes
/// reference T (the policy choosing each victim), then stamps any page just loaded and runs <c>on load</c> for it.
/// The session waits at tick 0 for the policy.</para>
/// <para><b>Actions</b>: <c>action 0 policy text=BASE64URL…</c> (the text in one or more chunks, see <see cref="PolicyText"/>). A text that
/// does not compile is refused with the compiler's <c>LINE:COL: what was expected</c>. A policy that fails while it
/// runs (step budget, division by zero, overflow) ends the run at that tick with its error.</para>
/// </remarks>
public sealed class PolicySession : LevelSession
{
    /// <summary>The action that submits the policy.</summary>
    public const string PolicyKind = "policy";

    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions, MetricKind.PolicySize];

    private readonly IReadOnlyList<(ulong Page, bool IsWrite)> _references;
    private readonly PolicyDecisions _decisions = new();
    private readonly IHiddenTestSeeds _seeds;
    private readonly KernelCore _kernel;
    private readonly ulong _base = TraceLoader.ReferenceStringBase;
    private GoalState? _hiddenVerdict;

    /// <summary>Boots the level's kernel with its trace mapped; nothing has run yet. Hidden seeds are fresh unless <paramref name="seeds"/> says otherwise.</summary>
    /// <exception cref="FormatParseException">The level asks for what a policy session cannot play or measure (one line, naming the level file).</exception>
    public PolicySession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval, IHiddenTestSeeds? seeds = null)
        : base(level, seed, hashInterval)
    {
        CheckPlayable(level);
        _seeds = seeds ?? HiddenTestSeeds.Fresh;
        _references = LevelReferences.Of(level);
        (_kernel, Pid) = PolicyKernel.Boot(level, _references, level.Frames!.Value, level.Kernel.Policy, _decisions, seed);
        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <summary>The process the trace runs in.</summary>
    public int Pid { get; }

    /// <summary>The references of the shown trace (tick T makes reference T).</summary>
    public IReadOnlyList<(ulong Page, bool IsWrite)> References => _references;

    /// <inheritdoc/>
    public override long? Length => _references.Count;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds { get; } = [PolicyKind];

    /// <summary>The submitted policy's text, or null before it is submitted.</summary>
    public string? Text { get; private set; }

    /// <summary>The submitted policy, compiled, or null before it is submitted.</summary>
    public PolicyProgram? Program { get; private set; }

    /// <summary>The policy's view of the kernel (its pages and registers), or null before it is submitted.</summary>
    public KernelPolicyMemory? Memory => _decisions.Memory;

    /// <summary>Why the policy failed while running (<c>tick T: LINE:COL: what</c>), or null.</summary>
    public string? PolicyError => _decisions.Error is { } error ? AtTick(Tick, error) : null;

    /// <summary>The hidden tests' outcomes once the shown trace has ended (they run then), else empty.</summary>
    public IReadOnlyList<HiddenTestResult> HiddenResults { get; private set; } = [];

    /// <summary>
    /// Submits <paramref name="text"/> as the policy (the action <c>policy text=…</c>); null when accepted, else why
    /// not. A text too long to record is refused before it becomes an action (nothing is recorded).
    /// </summary>
    public string? Submit(string text) => PolicyText.WhyNotCarried(text) ?? Act(PolicyKind, PolicyText.Encode(text));

    /// <summary>An error of the policy placed at a tick: <c>tick T: LINE:COL: what</c>.</summary>
    public static string AtTick(long tick, string error) => string.Create(CultureInfo.InvariantCulture, $"tick {tick}: {error}");

    /// <summary><see cref="AtTick"/> in Chinese: <c>第 T 个 tick：LINE:COL: 出了什么错</c>.</summary>
    public static string AtTickZh(long tick, string errorZh) => string.Create(CultureInfo.InvariantCulture, $"第 {tick} 个 tick：{errorZh}");

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action)
    {
        if (action.Kind != PolicyKind)
        {
            return Refuse(
                $"'{action.Kind}' is not an action of this level (its action: policy text=BASE64URL, the policy you wrote)",
                $"“{action.Kind}”不是本关的操作（本关的操作：policy text=BASE64URL，即你写的策略）");
        }

        if (PolicyText.TryDecodeInBoth(action.Arguments, out var why) is not { } text)
        {
            return Refuse(why!.Value.En, why.Value.Zh);
        }

        PolicyProgram program;
        try
        {
            program = PolicyParser.Parse(text);
        }
        catch (PolicySyntaxException e)
        {
            return Refuse("the policy does not compile: " + e.Message, "策略无法编译：" + e.MessageZh);
        }

        Text = text;
        Program = program;
        _decisions.Memory = new KernelPolicyMemory(_kernel, new PolicyInterpreter(program), _base);
        return null;
    }

    /// <inheritdoc/>
    protected override string NothingPending() => Program is null
        ? Refuse(base.NothingPending(), string.Create(CultureInfo.InvariantCulture, $"第 {Tick} 个 tick 没有待做的决定：内核只在需要决定时才询问"))
        : Refuse(
            "the policy is already running: it was submitted at tick 0 and makes every decision from there (undo to rewrite it)",
            "策略已经在运行：它在第 0 个 tick 提交，此后由它做出每一个决定（撤销后可以重写）");

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        if (_decisions.Memory is not { } memory)
        {
            return TickOutcome.Waiting;
        }

        _decisions.Guard(() => memory.Tick(Tick));
        if (_decisions.Error is not null)
        {
            return TickOutcome.Waiting;
        }

        var (page, isWrite) = _references[(int)Tick];
        var va = _base + (page << _kernel.Machine.Description.PageShift);
        var result = _kernel.Access(Pid, va, isWrite ? AccessKind.Write : AccessKind.Read, value: null, width: 1);
        if (result.Status == AccessStatus.Waiting)
        {
            // The policy decides at once unless it has failed: the goals end the run with its error.
            return TickOutcome.Waiting;
        }

        if (!result.Completed)
        {
            throw new InvalidOperationException($"level {Level.Id}: reference {Tick} (page {page}) killed the process ({result.Fault})");
        }

        _decisions.Guard(memory.Sync);
        return TickOutcome.Completed;
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals()
    {
        if (PolicyError is { } error)
        {
            return GoalState.Failed("the policy failed at " + error, "策略失败于" + AtTickZh(Tick, _decisions.ErrorZh ?? _decisions.Error!));
        }

        if (Tick < _references.Count)
        {
            return GoalState.Running;
        }

        if (_hiddenVerdict is { } verdict)
        {
            return verdict;
        }

        HiddenResults = PolicyHiddenTests.Run(Level, Program!, _seeds);
        _hiddenVerdict = PolicyHiddenTests.FirstFailureInBoth(Level, HiddenResults) is { } failure ? GoalState.Failed(failure.En, failure.Zh) : GoalState.Won;
        return _hiddenVerdict.Value;
    }

    /// <summary>The value of a metric now: kernel metrics of the shown trace, and the policy's size (0 before it is submitted).</summary>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => _kernel.Machine.Clock.Cycles,
        MetricKind.Faults => Counters.Faults,
        MetricKind.MajorFaults => _kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => Counters.PeakFrames,
        MetricKind.TlbMisses => _kernel.Machine.Mmu.TlbMisses,
        MetricKind.PolicySize => Program?.Size ?? 0,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a policy session does not measure this"),
    };

    private static void CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Count != 1 || level.Player.Mechanics[0] != Mechanic.Policy)
        {
            throw new FormatParseException(level.SourcePath, "a policy level hands the player the policy alone (player.mechanics: [policy])");
        }

        if (level.Processes.Count > 0 || level.Traces.Count == 0 || level.Frames is null || level.HiddenTests is null)
        {
            throw new FormatParseException(level.SourcePath, "a policy level runs traces only: it needs frames, at least one trace, hidden-tests and no processes");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a policy level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not TraceCompletesGoal) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a policy level (its goal: trace-completes; the hidden tests are a goal of every policy level)");
        }
    }
}
