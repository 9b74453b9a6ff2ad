using System.Globalization;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Model;
using VmQuest.Play.Rules;
using VmQuest.Replays;

namespace VmQuest.Play.ElfLayout;

/// <summary>
/// One play of an ELF-layout level (DESIGN.md §7 mechanic 6), headless: the player places the mappings execve makes
/// of a real ELF file's <c>PT_LOAD</c> segments — start page, end page, permissions, file offset or zero-fill — and
/// then runs it: the kernel execs the file (the engine's <c>ExecLoader</c>, Linux's <c>load_elf_binary</c>) and the
/// level is won when the address space it built equals the player's layout and the program has run.
/// </summary>
/// <remarks>
/// <para><b>Tick 0</b> is the layout: the session waits while the player sets fields (<c>place mapping=I field=F
/// value=V</c>, F one of start, end, perms, source) and ends with <c>run</c>. A value no mapping can have (not
/// page-aligned, past the file…) is refused when it is set; a finished layout that differs from execve's is refused at
/// <c>run</c>, naming the first wrong field and the rule that gives it.</para>
/// <para><b>The run.</b> The simulated CPU does not decode x86 instructions, so the program's run is modelled by its
/// pages: the first tick fetches the entry point, then each tick touches one further page of the image in address
/// order — code by instruction fetch, writable pages by a write, the rest by a read — and the last tick exits 0. Every
/// first touch is a page fault (file read, page-cache hit or demand-zero), measured in cycles and frames.</para>
/// </remarks>
public sealed class ElfLayoutSession : LevelSession
{
    private static readonly MetricKind[] Measured =
        [MetricKind.Cycles, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.TlbMisses, MetricKind.Mistakes, MetricKind.Actions];

    private readonly KernelCore _kernel;
    private readonly LevelProcess _process;
    private readonly ExecImage _image;
    private readonly LayoutRow[] _rows;
    private readonly List<(ulong Va, AccessKind Kind)> _touches = [];
    private int _next;
    private bool _matched;

    /// <summary>Reads the level's ELF and boots its kernel with one empty process; nothing is placed yet.</summary>
    /// <exception cref="FormatParseException">The level asks for what an ELF-layout session cannot play or measure (one line).</exception>
    public ElfLayoutSession(Level level, ulong seed = 0, int hashInterval = DefaultHashInterval)
        : base(level, seed, hashInterval)
    {
        _process = CheckPlayable(level);
        var file = _process.Elf!;
        // The level's own bytes, named by their place in the level's folder: the same on every machine.
        using (var stream = new MemoryStream(file.Bytes, writable: false))
        {
            Elf = ElfReader.Read(stream, file.RelativePath);
        }

        var plan = ElfLoadPlan.Create(Elf, LinuxX64Layout.ExecutableLoadBias(Elf));
        _image = new ExecImage(file.RelativePath, plan, null, null, LinuxX64Layout.BrkStart(plan));
        _rows = [.. Enumerable.Repeat(LayoutRow.Empty, plan.Mappings.Count)];
        _kernel = new KernelCore(LevelMachine.Of(level), LevelMachine.KernelOptionsOf(level, seed));
        _kernel.Files.Provide(file.RelativePath, file.Bytes);
        Pid = _kernel.CreateProcess(_process.Name);
        _kernel.SwitchTo(Pid);
        Start();
    }

    /// <inheritdoc/>
    public override KernelCore Kernel => _kernel;

    /// <summary>The process the ELF runs in.</summary>
    public int Pid { get; }

    /// <summary>The ELF file, as read from the level's bytes (its program headers are what <c>readelf -l</c> shows).</summary>
    public ElfFile Elf { get; }

    /// <summary>The load bias execve uses (0 for ET_EXEC).</summary>
    public ulong LoadBias => _image.Program.LoadBias;

    /// <summary>How many mappings the player places (execve makes one per PT_LOAD, plus one for a segment's zero-fill pages).</summary>
    public int MappingCount => _rows.Length;

    /// <summary>The player's layout so far, one row per mapping in address order.</summary>
    public IReadOnlyList<LayoutRow> Rows => _rows;

    /// <summary>Whether the layout has been accepted and the program exec'd.</summary>
    public bool IsLaunched { get; private set; }

    /// <summary>Whether the program has run to its exit.</summary>
    public bool HasExited { get; private set; }

    /// <inheritdoc/>
    public override long? Length => IsLaunched ? _touches.Count + 1 : null;

    /// <inheritdoc/>
    public override IReadOnlyList<string> DecisionKinds { get; } = ["place", "run"];

    /// <summary>The program header (index into <see cref="ElfFile.ProgramHeaders"/>) mapping <paramref name="row"/> comes from.</summary>
    public int SegmentOf(int row) => _image.Program.Mappings[row].SegmentIndex;

    /// <summary>The fewest actions that win: every field of every mapping once, then run.</summary>
    public int MinActions => (LayoutFields.Names.Count * _rows.Length) + 1;

    /// <summary>Sets one field (the action <c>place</c>). Null when accepted, else why not.</summary>
    public string? Place(int mapping, LayoutField field, string value) => Act("place",
        [new("mapping", mapping.ToString(CultureInfo.InvariantCulture)), new("field", field.Name()), new("value", value)]);

    /// <summary>Execs the program with the layout (the action <c>run</c>). Null when accepted, else why not.</summary>
    public string? Launch() => Act("run", []);

    /// <summary>What execve maps for mapping <paramref name="row"/> as an action value of <paramref name="field"/> (the scripted players' knowledge).</summary>
    internal string CorrectValue(int row, LayoutField field)
    {
        var m = _image.Program.Mappings[row];
        return field switch
        {
            LayoutField.Start => LayoutValues.Hex(m.Start),
            LayoutField.End => LayoutValues.Hex(m.End),
            LayoutField.Perms => Permissions.PermissionText.Format(ElfLayoutRules.ToVma(m.Permissions)),
            _ => m.IsAnonymous ? LayoutValues.Zero : LayoutValues.File(m.FileOffset),
        };
    }

    /// <inheritdoc/>
    protected override string? Decide(ReplayAction action) => action.Kind switch
    {
        "place" => DecidePlace(action),
        "run" => DecideRun(action),
        _ => Refuse(
            $"'{action.Kind}' is not an action of this level (its actions: place mapping=I field=start|end|perms|source value=V, run)",
            $"“{action.Kind}”不是本关的操作（本关的操作：place mapping=I field=start|end|perms|source value=V、run）"),
    };

    /// <inheritdoc/>
    protected override TickOutcome Advance()
    {
        if (!IsLaunched)
        {
            return TickOutcome.Waiting;
        }

        if (_next < _touches.Count)
        {
            var (va, kind) = _touches[_next++];
            var result = _kernel.Access(Pid, va, kind, value: kind == AccessKind.Write ? 1UL : null, width: 1);
            if (!result.Completed)
            {
                // The layout equals execve's and every touch is one its permissions allow: a kill here is a kernel defect.
                throw new InvalidOperationException(Invariant($"level {Level.Id}: the touch of 0x{va:x} ({kind}) did not complete ({result.Status}, {result.Fault})"));
            }

            return TickOutcome.Completed;
        }

        _kernel.Exit(Pid, 0);
        HasExited = true;
        return TickOutcome.Completed;
    }

    /// <inheritdoc/>
    protected override GoalState JudgeGoals()
    {
        if (!HasExited)
        {
            return GoalState.Running;
        }

        return _matched ? GoalState.Won : GoalState.Failed("the address space execve built differs from the layout", "execve 建立的地址空间与你的布局不一致");
    }

    /// <inheritdoc/>
    protected override long Measure(MetricKind kind) => kind switch
    {
        MetricKind.Cycles => _kernel.Machine.Clock.Cycles,
        MetricKind.Faults => Counters.Faults,
        MetricKind.MajorFaults => _kernel.Counters.MajorFaults,
        MetricKind.PeakFrames => Counters.PeakFrames,
        MetricKind.TlbMisses => _kernel.Machine.Mmu.TlbMisses,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an elf-layout session does not measure this"),
    };

    /// <inheritdoc/>
    protected override string NothingPending() => IsLaunched
        ? Refuse("the program is running with your layout: nothing is left to place", "程序正按你的布局运行：已经没有要放置的了")
        : Refuse(base.NothingPending(), Invariant($"第 {Tick} 步没有待做的决定：内核只在需要时才询问"));

    private string? DecidePlace(ReplayAction action)
    {
        if (action.Arguments.Count != 3 || action.Arguments[0].Key != "mapping" || action.Arguments[1].Key != "field" || action.Arguments[2].Key != "value")
        {
            return Refuse("a place action takes mapping=I field=start|end|perms|source value=V", "place 操作的参数是 mapping=I field=start|end|perms|source value=V");
        }

        var (index, fieldName, value) = (action.Arguments[0].Value, action.Arguments[1].Value, action.Arguments[2].Value);
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row >= _rows.Length)
        {
            return Refuse(
                Invariant($"mapping={index} is not one of this program's mappings: execve makes mappings 0 to {_rows.Length - 1}"),
                Invariant($"mapping={index} 不是这个程序的映射：execve 建立的映射编号是 0 到 {_rows.Length - 1}"));
        }

        var field = LayoutFields.Names.ToList().IndexOf(fieldName);
        if (field < 0)
        {
            return Refuse($"field={fieldName} is not a field of a mapping: expected start, end, perms or source", $"field={fieldName} 不是映射的字段：应为 start、end、perms 或 source");
        }

        var page = _kernel.Machine.Description.PageSize;
        var why = ElfLayoutRules.Set(_rows[row], (LayoutField)field, value, page, (ulong)Elf.Length, _kernel.TaskSize, out var updated);
        _rows[row] = updated;
        return why is null ? null : Refuse(why.En, why.Zh);
    }

    private string? DecideRun(ReplayAction action)
    {
        if (action.Arguments.Count != 0)
        {
            return Refuse("a run action takes no arguments", "run 操作不带参数");
        }

        for (var i = 0; i < _rows.Length; i++)
        {
            if (LayoutFields.Names.Select((_, f) => (LayoutField)f).FirstOrDefault(f => !_rows[i].Has(f), (LayoutField)(-1)) is var missing && (int)missing >= 0)
            {
                return Refuse(
                    Invariant($"mapping {i} has no {missing.Name()} yet: set start, end, perms and source of every mapping before the run"),
                    Invariant($"映射 {i} 还没有设置 {missing.Name()}：运行前要设置好每个映射的 start、end、perms 和 source"));
            }
        }

        for (var i = 0; i < _rows.Length; i++)
        {
            var mapping = _image.Program.Mappings[i];
            if (ElfLayoutRules.Mismatch(i, _rows[i], mapping, Elf.ProgramHeaders[mapping.SegmentIndex], LoadBias) is { } mismatch)
            {
                return Refuse(mismatch.En, mismatch.Zh);
            }
        }

        _kernel.Exec(Pid, _image, [_process.Elf!.RelativePath, .. _process.Args], []);
        _matched = LayoutMatches();
        IsLaunched = true;
        PlanTouches();
        return null;
    }

    // The program's pages, entry first, then every other page of the image in address order.
    private void PlanTouches()
    {
        var page = _kernel.Machine.Description.PageSize;
        var entryPage = _image.Entry & ~(page - 1);
        _touches.Add((_image.Entry, AccessKind.Execute));
        foreach (var area in _kernel.MmOf(Pid).Vmas.Areas.Where(a => a.Kind is not (VmaKind.Stack or VmaKind.Vvar or VmaKind.VvarVclock or VmaKind.Vdso)))
        {
            var kind = (area.Permissions & VmaPermissions.Execute) != 0 ? AccessKind.Execute
                : (area.Permissions & VmaPermissions.Write) != 0 ? AccessKind.Write
                : AccessKind.Read;
            for (var va = area.Start; va < area.End; va += page)
            {
                if (va != entryPage)
                {
                    _touches.Add((va, kind));
                }
            }
        }
    }

    // The goal: what execve built (the kernel's VMAs of the image; the stack and the vDSO's pages aside) equals the player's rows.
    private bool LayoutMatches()
    {
        var built = _kernel.MmOf(Pid).Vmas.Areas.Where(a => a.Kind is not (VmaKind.Stack or VmaKind.Vvar or VmaKind.VvarVclock or VmaKind.Vdso)).ToList();
        return built.Count == _rows.Length && built.Select((a, i) => Same(a, _rows[i])).All(same => same);
    }

    private static bool Same(VmArea area, LayoutRow row) =>
        area.Start == row.Start && area.End == row.End && area.Permissions == row.Perms
        && (area.IsFileBacked ? row.FileOffset == area.FileOffset : row.FileOffset is null);

    private static LevelProcess CheckPlayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.ElfLayout))
        {
            throw new FormatParseException(level.SourcePath, "an elf-layout level hands the player only the elf-layout mechanic");
        }

        if (level.Traces.Count > 0 || level.Processes.Count != 1 || level.Processes[0].Kind != LevelProcessKind.Elf)
        {
            throw new FormatParseException(level.SourcePath, "an elf-layout level runs exactly one process, an elf, and no traces");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on an elf-layout level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not LayoutMatchesGoal) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on an elf-layout level (its goal: layout-matches)");
        }

        return level.Processes[0];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
