using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;

namespace VmQuest.Play;

/// <summary>
/// One play of a victim level (DESIGN.md §7 mechanic 3), headless: the level's kernel runs its reference string
/// in one process, one reference per tick, and whenever memory is full the player chooses which resident page
/// leaves. Deterministic: the level, the seed and the sequence of applied actions determine every state.
/// </summary>
/// <remarks>
/// <para><b>A tick</b> is one reference of the trace: tick T makes reference T (0-based). When reference T faults
/// and the kernel needs a victim, the session <em>waits</em> in tick T (<see cref="LevelSession.IsWaiting"/>): the decision is
/// pending, nothing has changed, and the access is retried once the player's action (entering in tick T) names
/// a victim. Waiting costs no cycles, so cycles measure the quality of decisions, not the player's speed.</para>
/// <para><b>Actions</b> (replay lines): <c>action T victim frame=N</c> evicts the page in frame N at tick T.</para>
/// </remarks>
public sealed class VictimSession : LevelSession
{
    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions];

    private readonly IReadOnlyList<(ulong Page, bool IsWrite)> _references;
    private readonly PlayerVictimDecisions? _player;
    private readonly ulong _base;
    private readonly KernelCore _kernel;

    /// <summary>Boots the level's kernel (machine, frames, kernel options) with its trace mapped; nothing has run yet.</summary>
    /// <exception cref="FormatParseException">The level asks for something a victim session cannot play or measure (one line, naming the level file).</exception>
    public VictimSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
        : base(level, seed, hashInterval)
    {
        CheckPlayable(level);
        _references = LevelReferences.Of(level);
        _player = level.Player.Has(Mechanic.Victim) ? new PlayerVictimDecisions() : null;

        var machine = LevelMachine.Of(level);
        var highest = _references.Max(r => r.Page);
        var distinct = _references.Select(r => r.Page).Distinct().LongCount();
        // As the trace tool sizes it: the user-frame budget, every page table the mapping can need, and room to
        // spare, so that only the level's frame limit (never physical memory) decides when a victim is needed.
        var data = Math.Min(level.Frames ?? distinct, distinct);
        var frames = (ulong)(data + LevelMachine.TableBudget(machine, highest, distinct) + (2 * machine.Levels.Count) + 64);
        if (frames < machine.FrameCount)
        {
            machine = machine.WithPhysicalMemory(frames << machine.PageShift);
        }

        _kernel = new KernelCore(machine, LevelMachine.KernelOptionsOf(level, seed, _player) with
        {
            // Every page of the reference string can be swapped out at once.
            SwapSlots = Math.Max(level.Kernel.SwapSlots, checked((int)distinct + 16)),
        });
        Pid = Kernel.CreateProcess(level.Id);
        _base = TraceLoader.ReferenceStringBase;
        var length = (highest + 1) << machine.PageShift;
        var mapped = Kernel.Mmap(Pid, _base, length, VmaPermissions.ReadWrite, MapFlags.Fixed | MapFlags.Private | MapFlags.NoReserve);
        if (!mapped.Succeeded)
        {
            throw new FormatParseException(level.SourcePath, $"the trace's {highest + 1} pages do not fit the level's machine ({mapped.Error})");
        }

        Kernel.SwitchTo(Pid);
        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <summary>The process the trace runs in.</summary>
    public int Pid { get; }

    /// <summary>The references of the run, in order (tick T makes reference T).</summary>
    public IReadOnlyList<(ulong Page, bool IsWrite)> References => _references;

    /// <inheritdoc/>
    public override long? Length => _references.Count;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds { get; } = ["victim"];

    /// <summary>The frames that hold a resident user page now (the legal victims while <see cref="LevelSession.IsWaiting"/>), ascending.</summary>
    public IReadOnlyList<ulong> ResidentFrames()
    {
        var frames = new List<ulong>();
        for (ulong f = 0; f < (ulong)Kernel.Frames.Count; f++)
        {
            if (Kernel.UseOf(f) is FrameUse.Anonymous or FrameUse.File)
            {
                frames.Add(f);
            }
        }

        return frames;
    }

    /// <summary>The reference-string page held in <paramref name="frame"/> (which must hold a user page).</summary>
    public ulong PageIn(ulong frame) => (Kernel.Frames.VirtualAddressOf(frame) - _base) >> Kernel.Machine.Description.PageShift;

    /// <summary>
    /// Why evicting the page in <paramref name="frame"/> is not a legal move now, in a sentence that teaches; null
    /// when it is legal (a decision is pending and the frame holds a resident user page).
    /// </summary>
    public string? WhyIllegal(ulong frame)
    {
        if (!IsWaiting)
        {
            return Tick == _references.Count
                ? Refuse("the trace has ended: no decision is pending", "引用串已经结束：没有待做的决定")
                : Refuse(
                    Invariant($"no decision is pending at tick {Tick}: a victim is chosen only when a page faults and the level's {Level.Frames} frames are all in use"),
                    Invariant($"第 {Tick} 步没有待做的决定：只有在缺页且本关的 {Level.Frames} 个页框全部占满时，才需要选择牺牲页"));
        }

        if (frame >= (ulong)Kernel.Frames.Count)
        {
            return Refuse(
                Invariant($"frame {frame} does not exist: the machine has frames 0 to {Kernel.Frames.Count - 1}"),
                Invariant($"页框 {frame} 不存在：这台机器的页框编号是 0 到 {Kernel.Frames.Count - 1}"));
        }

        return Kernel.UseOf(frame) switch
        {
            FrameUse.Anonymous or FrameUse.File => null,
            FrameUse.Free => Refuse(
                Invariant($"frame {frame} is free: evicting frees a frame that holds a page, and this one holds none"),
                Invariant($"页框 {frame} 是空闲的：换出是为了腾出一个装着页的页框，而这个页框里什么也没有")),
            FrameUse.PageTable => Refuse(
                Invariant($"frame {frame} holds a page table: the kernel never evicts one, every translation of the pages it maps goes through it"),
                Invariant($"页框 {frame} 里是页表：内核从不换出页表，它所映射的每一页的地址转换都要经过它")),
            var use => Refuse(
                Invariant($"frame {frame} holds {use.ToString().ToLowerInvariant()} memory, not a user page: only user pages can be evicted"),
                Invariant($"页框 {frame} 里是{use.ToString().ToLowerInvariant()}内存，不是用户页：只有用户页可以被换出")),
        };
    }

    /// <summary>
    /// The player evicts the page in <paramref name="frame"/> (the action <c>victim frame=N</c>). Legal: the kernel
    /// takes it and the waiting access is retried. Illegal: nothing changes but <see cref="LevelSession.Mistakes"/>.
    /// </summary>
    /// <returns>Null when accepted; otherwise why it was refused.</returns>
    public string? ChooseVictim(ulong frame) => Act("victim", [new("frame", frame.ToString(CultureInfo.InvariantCulture))]);

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action)
    {
        if (action.Kind != "victim")
        {
            return Refuse($"'{action.Kind}' is not an action of this level (its actions: victim frame=N)", $"“{action.Kind}”不是本关的操作（本关的操作：victim frame=N）");
        }

        if (action.Arguments.Count != 1 || action.Arguments[0].Key != "frame"
            || !ulong.TryParse(action.Arguments[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var frame))
        {
            return Refuse("a victim action takes one argument, frame=N (a frame number)", "victim 操作只有一个参数 frame=N（页框编号）");
        }

        if (WhyIllegal(frame) is { } why)
        {
            return why;
        }

        _player!.Chosen = frame;
        return null;
    }

    /// <inheritdoc/>
    protected override string NothingPending() => WhyIllegal(0) ?? base.NothingPending();

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        var (page, isWrite) = _references[(int)Tick];
        var va = _base + (page << Kernel.Machine.Description.PageShift);
        var result = Kernel.Access(Pid, va, isWrite ? AccessKind.Write : AccessKind.Read, value: null, width: 1);
        if (result.Status == AccessStatus.Waiting)
        {
            return TickOutcome.Waiting;
        }

        if (!result.Completed)
        {
            // The mapping covers every page and swap has a slot for each: a kill here is a kernel defect.
            throw new InvalidOperationException($"level {Level.Id}: reference {Tick} (page {page}) killed the process ({result.Fault})");
        }

        return TickOutcome.Completed;
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals() => Tick == _references.Count ? GoalState.Won : GoalState.Running;

    /// <summary>
    /// The value of a kernel metric now. <c>faults</c> counts references that faulted (each once, as OPT's count
    /// does), not the kernel's attempts.
    /// </summary>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => Kernel.Machine.Clock.Cycles,
        MetricKind.Faults => Counters.Faults,
        MetricKind.MajorFaults => Kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => Counters.PeakFrames,
        MetricKind.TlbMisses => Kernel.Machine.Mmu.TlbMisses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a victim session does not measure this"),
    };

    private static void CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.Victim))
        {
            throw new FormatParseException(level.SourcePath,
                $"mechanic {string.Join(", ", level.Player.Mechanics.Where(m => m != Mechanic.Victim).Select(m => m.Name()))} is not playable yet (playable: victim)");
        }

        if (level.Processes.Count > 0 || level.Traces.Count == 0)
        {
            throw new FormatParseException(level.SourcePath, "a victim level runs traces only: it needs at least one trace and no processes");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a victim level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not TraceCompletesGoal) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a victim level (its goal: trace-completes)");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
