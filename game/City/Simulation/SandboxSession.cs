using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.City.Simulation;

/// <summary>
/// A sandbox run the player can act on: the driver its settings choose (<see cref="SandboxDrivers"/>) plus the
/// player's actions — fork and kill a process, run a workload-language line in it (the console) — each applied
/// between ticks and recorded with the tick it followed (<see cref="Actions"/>). The settings and the actions are
/// the whole input of a run, so <see cref="Replay"/> rebuilds exactly the same state: a save file holds them.
/// </summary>
public sealed class SandboxSession : ISimulationDriver
{
    /// <summary>The signal the kill key sends: SIGTERM, kill(1)'s default (the simulated processes do not catch it).</summary>
    public const int SigTerm = 15;

    /// <summary>The file name console errors show.</summary>
    public const string ConsoleFile = "<console>";

    private readonly ISimulationDriver _inner;
    private readonly WorkloadRunner _console;
    private readonly Dictionary<int, Dictionary<string, long>> _bindings = [];
    private readonly List<SandboxAction> _actions = [];

    /// <summary>Boots the run of <paramref name="settings"/>.</summary>
    /// <exception cref="VmQuest.Engine.Machine.InputFileException">The machine name is unknown.</exception>
    public SandboxSession(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _inner = SandboxDrivers.Create(settings);
        // Console lines run through a workload runner: the workloads' own when the processes run workloads (so a
        // line's fork joins them), else one of the console's own on the same kernel.
        _console = (_inner as WorkloadSandbox)?.Runner ?? new WorkloadRunner(_inner.Kernel);
    }

    /// <summary>What the run was booted with.</summary>
    public SandboxSettings Settings { get; }

    /// <summary>The driver the settings chose.</summary>
    public ISimulationDriver Inner => _inner;

    /// <inheritdoc/>
    public KernelCore Kernel => _inner.Kernel;

    /// <inheritdoc/>
    public string Objective => _inner.Objective;

    /// <inheritdoc/>
    public bool Finished => _inner.Finished;

    /// <inheritdoc/>
    public long? FaultCount => _inner.FaultCount;

    /// <inheritdoc/>
    public bool RunsKernelSystems => _inner.RunsKernelSystems;

    /// <inheritdoc/>
    public long? WorkloadCyclesPerTick => _inner.WorkloadCyclesPerTick;

    /// <summary>Ticks run.</summary>
    public long Ticks { get; private set; }

    /// <summary>The player's actions so far, in order.</summary>
    public IReadOnlyList<SandboxAction> Actions => _actions;

    /// <summary>
    /// A run of <paramref name="settings"/> with <paramref name="actions"/> applied after their ticks, ticked on to
    /// <paramref name="ticks"/> in the city's schedule (so the state is the one the city reached).
    /// </summary>
    /// <exception cref="ArgumentException">The actions are out of order or after <paramref name="ticks"/>.</exception>
    public static CitySimulation Replay(SandboxSettings settings, IReadOnlyList<SandboxAction> actions, long ticks)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var session = new SandboxSession(settings);
        var simulation = new CitySimulation(session);
        foreach (var action in actions)
        {
            if (action.Tick < session.Ticks || action.Tick > ticks)
            {
                throw new ArgumentException($"action at tick {action.Tick} is out of order (ticks {session.Ticks} to {ticks})", nameof(actions));
            }

            while (session.Ticks < action.Tick)
            {
                simulation.Tick();
            }

            session.Apply(action.Verb, action.Pid, action.Line);
        }

        while (session.Ticks < ticks)
        {
            simulation.Tick();
        }

        return simulation;
    }

    /// <inheritdoc/>
    public void Tick()
    {
        _inner.Tick();
        Ticks++;
    }

    /// <summary>
    /// Applies one action now (between ticks), records it, and returns what happened in one line for the HUD.
    /// A process that does not exist or has ended changes nothing, and the line says so (nothing is recorded).
    /// </summary>
    public string Apply(SandboxVerb verb, int pid, string line = "")
    {
        ArgumentNullException.ThrowIfNull(line);
        var c = CultureInfo.InvariantCulture;
        if (pid == 0 || !Kernel.Exists(pid) || Kernel.Info(pid).State is ProcessState.Zombie || Kernel.MemoryOf(pid).Mm is null)
        {
            return pid == 0 ? "select a process first (click its street or city-hall row, or Tab)" : string.Create(c, $"pid {pid} has ended");
        }

        // The action runs as the process (its accesses through its own page tables): switch to it, as the
        // scheduler would, unless it is running already. The switch is part of the action, so a replay makes it too.
        if (verb != SandboxVerb.Kill && Kernel.CurrentPid != pid)
        {
            Kernel.SwitchTo(pid);
        }

        if (verb == SandboxVerb.Run)
        {
            return RunLine(pid, line);
        }

        _actions.Add(new SandboxAction(Ticks, verb, pid, ""));
        var control = _inner as ISandboxProcessControl ?? throw new InvalidOperationException("every sandbox driver forks and kills");
        if (verb == SandboxVerb.Fork)
        {
            var (child, error) = control.Fork(pid);
            return child > 0
                ? string.Create(c, $"fork: pid {pid} forked pid {child}; their pages are shared copy-on-write until one writes")
                : string.Create(c, $"fork of pid {pid} failed: {error}");
        }

        control.Kill(pid, SigTerm);
        return string.Create(c, $"kill: pid {pid} killed by SIGTERM; its frames are freed, its parent reaps it");
    }

    // A console line: parsed as a one-line program (names bound by earlier lines in this process are known), run in
    // the process now. A line that does not parse is not recorded: it changed nothing.
    private string RunLine(int pid, string line)
    {
        WorkloadProgram program;
        var bindings = _bindings.TryGetValue(pid, out var known) ? known : _bindings[pid] = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            program = WorkloadParser.Parse(line, ConsoleFile);
            WorkloadSymbolCheck.Check(program, bindings.Keys);
        }
        catch (FormatParseException e)
        {
            return e.Message;
        }

        if (program.Body.Count == 0)
        {
            return "an empty line does nothing";
        }

        _actions.Add(new SandboxAction(Ticks, SandboxVerb.Run, pid, line));
        var steps = _console.RunIn(pid, program, bindings);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"pid {pid}> ");
        foreach (var step in steps)
        {
            if (text.Length > 8)
            {
                text.Append(" · ");
            }

            text.Append(VmQuest.Cli.WorkloadActionText.Describe(step.Action));
            if (step.Access is { } access)
            {
                text.Append(access.Completed ? string.Create(CultureInfo.InvariantCulture, $" → 0x{access.Value:x}") : " → " + access.Status.ToString().ToLowerInvariant());
            }

            if (step.Note is { } note)
            {
                text.Append(" (").Append(note).Append(')');
            }
        }

        // A fork's child inherits the parent's names, as its memory holds the same addresses.
        foreach (var child in Kernel.Pids.Where(p => !_bindings.ContainsKey(p) && Kernel.Info(p).ParentPid == pid))
        {
            _bindings[child] = new Dictionary<string, long>(bindings, StringComparer.Ordinal);
        }

        return steps.Count == 0 ? text.Append("nothing ran").ToString() : text.ToString();
    }
}
