using System.Globalization;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;
using VmQuest.Rules;

namespace VmQuest.Play;

/// <summary>
/// One play of a level, headless and deterministic: the level, the seed and the sequence of actions determine every
/// state. Each mechanic derives from this class and says what a tick does (<see cref="Advance"/>), which actions it
/// takes (<see cref="Decide"/>), how its goals are judged and what it measures; this class runs the game's rules as
/// systems of the one ECS schedule on the kernel's world (<see cref="LevelRulesModule"/>): a player's action enters
/// as a <see cref="PlayerActionEntered"/> event in the Input phase, the mechanic steps in Simulate, and metrics,
/// goals and state checkpoints read the tick's kernel events in Present.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one unit of the mechanic's work (one reference of a trace, one address to translate, one
/// time slice…). While a decision is pending the session <em>waits</em> in its tick (<see cref="IsWaiting"/>):
/// nothing changes until an action enters, and waiting costs no cycles, so cycles measure the quality of decisions.</para>
/// <para><b>Actions</b> are accepted only while the session waits for a decision, and are replay lines <c>action T KIND key=value…</c>. A refused one changes nothing but
/// <see cref="Mistakes"/> and is recorded as <c>action T mistake was=KIND key=value…</c>, so a replay re-simulates
/// its mistakes too.</para>
/// <para>The state hash (<see cref="StateHash"/>) is taken after every tick that is a multiple of the hash
/// interval (<see cref="Checkpoints"/>).</para>
/// </remarks>
public abstract class LevelSession
{
    /// <summary>Ticks between state checkpoints when none is asked for.</summary>
    public const int DefaultHashInterval = 4;

    /// <summary>The action kind a refused action is recorded as.</summary>
    public const string MistakeKind = "mistake";

    private readonly List<ReplayAction> _actions = [];
    private readonly List<StateCheckpoint> _checkpoints = [];
    private Schedule? _schedule;
    private string? _lastRefusal;
    private string? _lastRefusalZh;
    private string? _pendingRefusalZh;
    private string? _failureZh;
    private bool _refusedThisTick;

    /// <summary>Keeps the level, seed and interval; the derived constructor builds the kernel.</summary>
    protected LevelSession(Level level, ulong seed, int hashInterval)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashInterval, 1);
        Level = level;
        Seed = seed;
        HashInterval = hashInterval;
    }

    /// <summary>The level being played.</summary>
    public Level Level { get; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <summary>Ticks between state checkpoints.</summary>
    public int HashInterval { get; }

    /// <summary>The kernel (read it; do not drive it — the session does).</summary>
    public abstract KernelCore Kernel { get; }

    /// <summary>The current tick: how many ticks have completed.</summary>
    public long Tick { get; private set; }

    /// <summary>How many ticks the whole run has when it is known in advance (a trace's length), else null.</summary>
    public abstract long? Length { get; }

    /// <summary>True when the run is over: the goals hold (<see cref="Failure"/> null) or can no longer hold.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Why the run failed (one sentence that teaches), or null while it has not.</summary>
    public string? Failure { get; private set; }

    /// <summary>Why the run failed in <paramref name="language"/> (the mechanic's translation where it gave one, else English).</summary>
    public string? FailureIn(string language) => language == "zh-Hans" ? _failureZh ?? Failure : Failure;

    /// <summary>True when the run is over and every goal holds.</summary>
    public bool IsWon => IsFinished && Failure is null;

    /// <summary>True while the kernel waits in <see cref="Tick"/> for the player's decision.</summary>
    public bool IsWaiting { get; private set; }

    /// <summary>Accepted actions.</summary>
    public long Actions { get; private set; }

    /// <summary>Refused actions (each explained).</summary>
    public long Mistakes { get; private set; }

    /// <summary>The explanation of the last refused action (English), or null when the last action was accepted.</summary>
    public string? LastRefusal => _lastRefusal;

    /// <summary>
    /// The explanation of the last refused action in <paramref name="language"/> (<c>en</c> or <c>zh-Hans</c>): the
    /// mechanic's own translation where it gave one (<see cref="Refuse"/>), else English.
    /// </summary>
    public string? LastRefusalIn(string language) => language == "zh-Hans" ? _lastRefusalZh ?? _lastRefusal : _lastRefusal;

    /// <summary>What the metrics system has counted from the kernel's events.</summary>
    public SessionCounters Counters { get; } = new();

    /// <summary>Every action applied so far, refused ones as <see cref="MistakeKind"/>, in order: the replay's action lines.</summary>
    public IReadOnlyList<ReplayAction> AppliedActions => _actions;

    /// <summary>The state hash after every tick that is a multiple of <see cref="HashInterval"/>, so far.</summary>
    public IReadOnlyList<StateCheckpoint> Checkpoints => _checkpoints;

    /// <summary>Readers of each tick's kernel events before they are cleared (the city's animations and log).</summary>
    public IList<Action<World>> TickObservers { get; } = [];

    /// <summary>The action kinds <see cref="LevelPlay.Undo"/> takes back (the level's decisions).</summary>
    public abstract IReadOnlyList<string> DecisionKinds { get; }

    /// <summary>The session's systems in run order, as <c>Phase: System</c> lines (a test pins them).</summary>
    public IReadOnlyList<string> ScheduleOrder => _schedule?.Describe() ?? [];

    /// <summary>Whether the last schedule tick completed a tick of work (read by the metrics system).</summary>
    internal bool CompletedThisTick { get; private set; }

    /// <summary>Runs ticks until a decision is pending, the run is over, or <see cref="Tick"/> reaches <paramref name="untilTick"/>.</summary>
    public void Run(long? untilTick = null)
    {
        while (!IsWaiting && !IsFinished && (untilTick is null || Tick < untilTick))
        {
            RunScheduleTick();
        }
    }

    /// <summary>
    /// The player acts now: the action enters the Input phase of a schedule tick, which then runs (so an accepted
    /// decision lets the waiting work go on). Returns null when accepted, else why it was refused.
    /// </summary>
    public string? Act(string kind, params IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(arguments);
        if (IsFinished)
        {
            return "the level is over: no decision is pending";
        }

        Kernel.World.Events<PlayerActionEntered>().Send(new PlayerActionEntered(new ReplayAction(Tick, kind, arguments)));
        RunScheduleTick();
        return _lastRefusal;
    }

    /// <summary>
    /// Applies one replay action as a player would, after running up to its tick. Returns null when it applied as
    /// recorded; otherwise why it is illegal (an unknown kind or argument, a tick the run cannot be at, an action the
    /// rules refuse, or a <c>mistake</c> that was in fact a legal move).
    /// </summary>
    public string? Apply(ReplayAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // A decision enters while the kernel waits in its tick, so the run goes into that tick (and waits there); a
        // mistake may have been made at rest before the tick began, so the run only goes up to it.
        Run(action.Kind == MistakeKind ? action.Tick : action.Tick + 1);
        if (Tick < action.Tick)
        {
            return IsWaiting
                ? Invariant($"the kernel waits for a decision at tick {Tick}, but the next action is at tick {action.Tick}")
                : Invariant($"the level ended at tick {Tick}, before the action at tick {action.Tick}");
        }

        if (Tick > action.Tick)
        {
            return Invariant($"no decision is pending at tick {action.Tick}: the run went on past it without waiting for one");
        }

        if (action.Kind == MistakeKind)
        {
            if (action.Arguments.Count == 0 || action.Arguments[0].Key != "was")
            {
                return "a mistake action names the refused action first: mistake was=KIND key=value…";
            }

            var original = new ReplayAction(action.Tick, action.Arguments[0].Value, [.. action.Arguments.Skip(1)]);
            var why = Act(original.Kind, original.Arguments);
            return why is null ? Invariant($"recorded as a mistake, but {original.Kind} was a legal move at tick {action.Tick}") : null;
        }

        return Act(action.Kind, action.Arguments);
    }

    /// <summary>The value of <paramref name="kind"/> now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mechanic does not measure it (level validation prevents this).</exception>
    public long Metric(MetricKind kind) => kind switch
    {
        MetricKind.Mistakes => Mistakes,
        MetricKind.Actions => Actions,
        _ => Measure(kind),
    };

    /// <summary>The level's metrics measured now, in the level's order.</summary>
    public IReadOnlyList<ClaimedMetric> Metrics() => [.. Level.Metrics.Select(m => new ClaimedMetric(m.Name, Metric(m.Kind)))];

    /// <summary>The finished run as a solution file claiming its measured metrics. Only once <see cref="IsWon"/>.</summary>
    public ReplayFile ToReplay()
    {
        if (!IsWon)
        {
            throw new InvalidOperationException("a replay is made of a won run");
        }

        return new ReplayFile(ReplayFormat.Version, RulesVersion.Current, Level.Id, Level.Version, "sha256:" + Level.Hash, Seed,
            HashInterval, Metrics(), [.. _actions], [.. _checkpoints]);
    }

    /// <summary>
    /// Input phase: validates <paramref name="action"/> (entering at <see cref="Tick"/>) and applies it. Returns null
    /// when applied, else one sentence saying why it is not a legal move now — and then nothing may have changed.
    /// </summary>
    protected abstract string? Decide(ReplayAction action);

    /// <summary>Simulate phase: one tick's work, or one more attempt at it; says whether it completed or waits.</summary>
    protected abstract TickOutcome Advance();

    /// <summary>Present phase: null while the goals can still hold; <see cref="GoalState.Won"/> or a failure when the run is over.</summary>
    protected abstract GoalState JudgeGoals();

    /// <summary>The value of a metric other than mistakes and actions.</summary>
    protected abstract long Measure(MetricKind kind);

    /// <summary>Called once the session exists, to start its first tick (the derived constructor's last line).</summary>
    protected void Start()
    {
        _schedule = SimulationSchedule.Build(new LevelRulesModule(this));
        // Setup (mapping, exec) raised events no tick measures; drop them so tick 0 starts clean.
        Kernel.World.EndTick();
    }

    /// <summary>
    /// A refusal in both languages: <see cref="Decide"/> returns <c>Refuse(english, chinese)</c> so the Chinese UI can
    /// teach in Chinese. The English text is the one replays, <c>verify</c> and the records use.
    /// </summary>
    protected string Refuse(string english, string chinese)
    {
        _pendingRefusalZh = chinese;
        return english;
    }

    /// <summary>Why an action is refused when no decision is pending (the mechanic may say more, e.g. when one comes).</summary>
    protected virtual string NothingPending() => Refuse(
        Invariant($"no decision is pending at tick {Tick}: the kernel asks only when it needs one"),
        Invariant($"第 {Tick} 步没有待做的决定：内核只在需要时才会问你"));

    internal void EnterAction(ReplayAction action)
    {
        _pendingRefusalZh = null;
        var why = IsWaiting ? Decide(action) : NothingPending();
        if (why is null)
        {
            Actions++;
            _lastRefusal = null;
            _lastRefusalZh = null;
            _actions.Add(action);
            IsWaiting = false;
            return;
        }

        Mistakes++;
        _lastRefusal = why;
        _lastRefusalZh = _pendingRefusalZh;
        _refusedThisTick = true;
        _actions.Add(action with { Kind = MistakeKind, Arguments = [new("was", action.Kind), .. action.Arguments] });
    }

    internal void StepOnce()
    {
        CompletedThisTick = false;
        // A refused action changes nothing, so the tick it entered in does no work either.
        var refused = _refusedThisTick;
        _refusedThisTick = false;
        if (IsWaiting || IsFinished || refused)
        {
            return;
        }

        if (Advance() == TickOutcome.Waiting)
        {
            IsWaiting = true;
            return;
        }

        CompletedThisTick = true;
        Tick++;
    }

    internal void CheckGoals()
    {
        var state = JudgeGoals();
        if (state.IsOver)
        {
            IsFinished = true;
            IsWaiting = false;
            Failure = state.Failure;
            _failureZh = state.FailureZh;
        }
    }

    internal void TakeCheckpointIfDue()
    {
        if (CompletedThisTick && Tick % HashInterval == 0)
        {
            _checkpoints.Add(new StateCheckpoint(Tick, StateHash.Of(Kernel)));
        }
    }

    private void RunScheduleTick()
    {
        if (_schedule is null)
        {
            throw new InvalidOperationException($"{GetType().Name} did not call Start() at the end of its constructor");
        }

        _schedule.RunTick(Kernel.World);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
