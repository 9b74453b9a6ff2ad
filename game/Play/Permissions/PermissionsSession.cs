using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;

namespace VmQuest.Play.Permissions;

/// <summary>
/// One play of a permissions level (DESIGN.md §7 mechanic 4), headless: the level's workload processes run on one
/// kernel, and the player decides what each mapping may do, so that the programs that must complete do, and every
/// attack line is stopped by a protection fault (SIGSEGV). Deterministic: the level, the seed and the applied
/// actions determine every state.
/// </summary>
/// <remarks>
/// <para><b>Before the run</b> (tick 0) the session waits: the player may change the permissions of any VMA the
/// processes start with (<c>protect process=P vma=0xSTART perms=r-x</c>, applied as mprotect) and then starts the
/// programs (<c>run</c>).</para>
/// <para><b>During the run</b> a tick is one step of one process (the round-robin scheduler picks it). When a
/// process maps memory the kernel asks for its permissions and the session waits in that tick until the player
/// answers (<c>grant perms=rw-</c>); the kernel never grants more than the program asked for. Linux's own answer is
/// the permissions asked for.</para>
/// <para>The run ends when every goal holds (won), when one can no longer hold (a process that must exit was killed,
/// an attack succeeded or was stopped at another line), or when no process can run any more.</para>
/// </remarks>
public sealed class PermissionsSession : LevelSession
{
    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions];

    private readonly KernelCore _kernel;
    private readonly WorkloadRunner _runner;
    private readonly PlayerPermissionDecisions _decisions = new();
    private readonly Dictionary<string, int> _pids = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _names = [];
    private readonly Dictionary<int, PermissionStep> _killedBy = [];
    private readonly List<PermissionStep> _history = [];
    private readonly List<PermissionGrant> _grants = [];
    private readonly bool _watchOnly;
    private bool _idle;

    /// <summary>Boots the level's kernel and starts its processes (nothing has run yet; the session waits for <c>run</c>).</summary>
    /// <exception cref="FormatParseException">The level asks for what a permissions session cannot play or measure (one line, naming the level file).</exception>
    public PermissionsSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
        : this(level, seed, hashInterval, watchOnly: false)
    {
    }

    /// <summary>
    /// A session that, when <paramref name="watchOnly"/>, judges no goal until no process can run: every process runs to
    /// its end whatever happens (the reference player watches such a run to learn what each program needs).
    /// </summary>
    internal PermissionsSession(Level level, ulong seed, int hashInterval, bool watchOnly)
        : base(level, seed, hashInterval)
    {
        _watchOnly = watchOnly;
        CheckPlayable(level);
        _kernel = new KernelCore(LevelMachine.Of(level), LevelMachine.KernelOptionsOf(level, seed, _decisions));
        _decisions.NameOf = pid => _names.GetValueOrDefault(pid, pid.ToString(CultureInfo.InvariantCulture));
        _runner = new WorkloadRunner(_kernel);
        foreach (var process in level.Processes)
        {
            // A program's `mmap … file PATH` reads the level's own (hashed) bytes, never the host's file of that name.
            foreach (var (written, file) in process.ProgramFiles)
            {
                _kernel.Files.Provide(written, file.Bytes);
            }

            var pid = _runner.Spawn(process.Program!, process.Name);
            if (pid < 0)
            {
                throw new FormatParseException(level.SourcePath, $"process '{process.Name}' cannot start on the level's machine (no memory for its page table)");
            }

            _pids.Add(process.Name, pid);
            _names.Add(pid, process.Name);
        }

        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <inheritdoc/>
    public override long? Length => null;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds { get; } = ["protect", "run", "grant"];

    /// <summary>Whether the programs have been started (<c>run</c> accepted).</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The mapping request waiting for the player's answer, or null.</summary>
    public PermissionRequest? Pending => _decisions.Pending;

    /// <summary>The level's processes by name, with their pids, in the level's order.</summary>
    public IReadOnlyDictionary<string, int> Pids => _pids;

    /// <summary>Every step the processes took so far, in order.</summary>
    public IReadOnlyList<PermissionStep> History => _history;

    /// <summary>Every mapping made on the player's answer, in order.</summary>
    public IReadOnlyList<PermissionGrant> Grants => _grants;

    /// <summary>The VMAs of process <paramref name="name"/> now, in address order (empty once it has exited).</summary>
    public IReadOnlyList<VmArea> VmasOf(string name) =>
        _pids.TryGetValue(name, out var pid) && _kernel.Exists(pid) && _kernel.MemoryOf(pid).Mm is { } mm ? mm.Vmas.Areas : [];

    /// <summary>How process <paramref name="name"/> ended — exit status and killing signal — or null while it runs.</summary>
    public (int Status, int Signal)? OutcomeOf(string name) =>
        _pids.TryGetValue(name, out var pid) && _runner.Exited.TryGetValue(pid, out var end) ? (end.Status, end.Signal) : null;

    /// <summary>The step that killed process <paramref name="name"/>, or null.</summary>
    public PermissionStep? KilledBy(string name) => _pids.TryGetValue(name, out var pid) ? _killedBy.GetValueOrDefault(pid) : null;

    /// <summary>Changes a VMA's permissions before the run (the action <c>protect</c>). Null when accepted, else why not.</summary>
    public string? Protect(string process, ulong vmaStart, VmaPermissions permissions) => Act("protect",
        [new("process", process), new("vma", "0x" + vmaStart.ToString("x", CultureInfo.InvariantCulture)), new("perms", PermissionText.Format(permissions))]);

    /// <summary>Starts the programs (the action <c>run</c>). Null when accepted, else why not.</summary>
    public string? StartRun() => Act("run", []);

    /// <summary>Answers the pending mapping request (the action <c>grant</c>). Null when accepted, else why not.</summary>
    public string? Grant(VmaPermissions permissions) => Act("grant", [new("perms", PermissionText.Format(permissions))]);

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action) => action.Kind switch
    {
        "protect" => DecideProtect(action),
        "run" => DecideRun(action),
        "grant" => DecideGrant(action),
        _ => Refuse(
            $"'{action.Kind}' is not an action of this level (its actions: protect process=P vma=0xSTART perms=rwx, run, grant perms=rwx)",
            $"“{action.Kind}”不是本关的操作（本关的操作：protect process=P vma=0xSTART perms=rwx、run、grant perms=rwx）"),
    };

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        if (!IsRunning || _decisions.Pending is not null)
        {
            return TickOutcome.Waiting;
        }

        _decisions.LastGranted = null;
        if (_runner.Step() is not { } step)
        {
            // Nothing can run any more: this tick ends the run, and the goals are judged for the last time.
            _idle = true;
            return TickOutcome.Completed;
        }

        if (_decisions.Pending is not null)
        {
            _decisions.Locate(step.Action.Position.Line);
            return TickOutcome.Waiting;
        }

        Record(step);
        return TickOutcome.Completed;
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals() => !IsRunning ? GoalState.Running
        : _watchOnly ? (_idle ? GoalState.Won : GoalState.Running)
        : PermissionGoals.Judge(this, _idle);

    /// <summary>The value of a kernel metric now; <c>faults</c> counts steps that faulted (each once).</summary>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => _kernel.Machine.Clock.Cycles,
        MetricKind.Faults => Counters.Faults,
        MetricKind.MajorFaults => _kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => Counters.PeakFrames,
        MetricKind.TlbMisses => _kernel.Machine.Mmu.TlbMisses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a permissions session does not measure this"),
    };

    /// <inheritdoc/>
    protected override string NothingPending() => IsRunning
        ? Refuse(
            Invariant($"no process is asking for a mapping at tick {Tick}: the kernel asks only when a program maps memory"),
            Invariant($"第 {Tick} 步没有进程在请求映射：只有程序映射内存时，内核才会询问"))
        : Refuse(base.NothingPending(), Invariant($"第 {Tick} 步没有待做的决定：内核只在需要时才询问"));

    private string? DecideProtect(ReplayAction action)
    {
        if (IsRunning)
        {
            return Refuse(
                "the programs are running: a VMA's permissions are set before the run (protect), and a new mapping's when a program asks (grant)",
                "程序已在运行：VMA 的权限在运行前设置（protect），新映射的权限在程序请求时给出（grant）");
        }

        if (!Arguments(action, out var args, "process", "vma", "perms"))
        {
            return Refuse("a protect action takes process=NAME vma=0xSTART perms=rwx", "protect 操作的参数是 process=NAME vma=0xSTART perms=rwx");
        }

        if (!_pids.TryGetValue(args[0], out var pid))
        {
            return Refuse(
                $"there is no process '{args[0]}' in this level (its processes: {string.Join(", ", _pids.Keys)})",
                $"本关没有进程“{args[0]}”（本关的进程：{string.Join("、", _pids.Keys)}）");
        }

        if (!TryParseAddress(args[1], out var start))
        {
            return Refuse(
                $"vma={args[1]} is not an address: expected 0x and hex digits, the start of one of {args[0]}'s VMAs",
                $"vma={args[1]} 不是地址：应为 0x 加十六进制数字，即 {args[0]} 某个 VMA 的起始地址");
        }

        if (!PermissionText.TryParse(args[2], out var permissions))
        {
            return Refuse($"perms={args[2]} is not a permission: expected {PermissionText.Expected}", $"perms={args[2]} 不是权限：应为{PermissionText.ExpectedZh}");
        }

        var area = _kernel.MmOf(pid).Vmas.Areas.FirstOrDefault(a => a.Start == start);
        if (area.End == 0)
        {
            return Refuse(
                Invariant($"{args[0]} has no VMA starting at 0x{start:x}: permissions belong to whole VMAs, named by their first address"),
                Invariant($"{args[0]} 没有从 0x{start:x} 开始的 VMA：权限属于整个 VMA，以它的起始地址来指定"));
        }

        _kernel.Mprotect(pid, area.Start, area.Length, permissions);
        return null;
    }

    private string? DecideRun(ReplayAction action)
    {
        if (IsRunning)
        {
            return Refuse("the programs are already running: answer the pending request with grant perms=rwx", "程序已经在运行：请用 grant perms=rwx 回答待处理的请求");
        }

        if (action.Arguments.Count != 0)
        {
            return Refuse("a run action takes no arguments", "run 操作不带参数");
        }

        IsRunning = true;
        return null;
    }

    private string? DecideGrant(ReplayAction action)
    {
        if (_decisions.Pending is not { } pending)
        {
            return Refuse("no process is asking for a mapping yet: first start the programs with run", "还没有进程请求映射：请先用 run 启动程序");
        }

        if (!Arguments(action, out var args, "perms") || !PermissionText.TryParse(args[0], out var granted))
        {
            return Refuse($"a grant action takes perms=rwx: {PermissionText.Expected}", $"grant 操作的参数是 perms=rwx：{PermissionText.ExpectedZh}");
        }

        var extra = granted & ~pending.Requested;
        if (extra != VmaPermissions.None)
        {
            return Refuse(
                $"{pending.Process} asked for {PermissionText.Format(pending.Requested)}: the kernel never grants more than a program asks for, so {PermissionText.Format(extra)} cannot be added",
                $"{pending.Process} 请求的是 {PermissionText.Format(pending.Requested)}：内核授予的权限从不超过程序请求的，所以不能加上 {PermissionText.Format(extra)}");
        }

        _decisions.Answer(granted);
        return null;
    }

    private void Record(WorkloadStep step)
    {
        var name = _names[step.Pid];
        var killed = step.Access is { Status: AccessStatus.Killed };
        var (statement, address) = step.Action switch
        {
            MemoryAccessAction access => (access.Kind.ToString().ToLowerInvariant(), (ulong?)unchecked((ulong)access.Address)),
            var other => (StatementName(other), null),
        };
        // After a kill the process's mm is gone; the VMA was looked up before (the kernel does not change it on a fault).
        var allowed = address is { } va && _kernel.Exists(step.Pid) && _kernel.MemoryOf(step.Pid).Mm is { } mm ? mm.Vmas.Find(va)?.Permissions : null;
        var recorded = new PermissionStep(step.Pid, name, step.Action.Position.Line, statement, address, allowed, killed, step.Note);
        _history.Add(recorded);
        if (killed)
        {
            _killedBy[step.Pid] = recorded;
        }

        if (_decisions.LastGranted is { } granted && step.Action is MmapAction map
            && _runner.Programs.TryGetValue(step.Pid, out var cursor) && cursor.Bindings.TryGetValue(map.Name, out var start))
        {
            var begin = unchecked((ulong)start);
            var page = _kernel.Machine.Description.PageSize;
            var end = begin + ((unchecked((ulong)map.Length) + page - 1) & ~(page - 1));
            _grants.Add(new PermissionGrant(step.Pid, name, begin, end, ToVma(map.Perms), granted, step.Action.Position.Line));
        }
    }

    private static string StatementName(WorkloadAction action)
    {
        var name = action.GetType().Name;
        return (name.EndsWith("Action", StringComparison.Ordinal) ? name[..^"Action".Length] : name).ToLowerInvariant();
    }

    private static VmaPermissions ToVma(MemoryPerms perms) =>
        ((perms & MemoryPerms.Read) != 0 ? VmaPermissions.Read : VmaPermissions.None)
        | ((perms & MemoryPerms.Write) != 0 ? VmaPermissions.Write : VmaPermissions.None)
        | ((perms & MemoryPerms.Exec) != 0 ? VmaPermissions.Execute : VmaPermissions.None);

    private static bool Arguments(ReplayAction action, out string[] values, params string[] keys)
    {
        values = [];
        if (action.Arguments.Count != keys.Length || action.Arguments.Select(a => a.Key).Where((k, i) => k != keys[i]).Any())
        {
            return false;
        }

        values = [.. action.Arguments.Select(a => a.Value)];
        return true;
    }

    private static bool TryParseAddress(string text, out ulong address)
    {
        address = 0;
        return text.StartsWith("0x", StringComparison.Ordinal)
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address);
    }

    private static void CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.Permissions))
        {
            throw new FormatParseException(level.SourcePath, "a permissions level hands the player only the permissions mechanic");
        }

        if (level.Traces.Count > 0 || level.Processes.Any(p => p.Program is null))
        {
            throw new FormatParseException(level.SourcePath, "a permissions level runs workload processes only (no traces, no elf processes)");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a permissions level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not (ProcessExitsGoal or AllProcessesExitGoal or ProcessKilledGoal)) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a permissions level (its goals: exits, all-exit, killed)");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
