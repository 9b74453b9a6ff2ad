using System.Globalization;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.City.Simulation;

/// <summary>
/// The sandbox running workload-language programs (<c>vmquest sandbox --workload FILE…</c>) instead of the
/// built-in ones: one process per program, stepped by the kernel's own systems — the world's
/// <see cref="WorkloadRunner"/> resource, which <c>ProcessScheduleSystem</c> and <c>WorkloadStepSystem</c> run for
/// each tick's cycle budget, as <c>vmquest run</c> runs them. The run is <see cref="Finished"/> once no program can run.
/// </summary>
public sealed class WorkloadSandbox : ISimulationDriver, ISandboxProcessControl
{
    private readonly int _spawned;
    private long _tick;
    private long _finishedAt = -1;

    /// <summary>Boots the machine of <paramref name="settings"/> and spawns each of its <see cref="SandboxSettings.Workloads"/>.</summary>
    public WorkloadSandbox(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Kernel = SandboxMachine.Boot(settings);
        Runner = new WorkloadRunner(Kernel);
        Kernel.World.SetResource(Runner);
        foreach (var program in settings.Workloads)
        {
            if (Runner.Spawn(program) >= 0)
            {
                _spawned++;
            }
        }

        Asked = settings.Workloads.Count;
    }

    /// <inheritdoc/>
    public KernelCore Kernel { get; }

    /// <summary>The runner stepping the programs (the world's resource).</summary>
    public WorkloadRunner Runner { get; }

    /// <summary>Programs asked for (some may not have started: the kernel's process limit, no memory).</summary>
    public int Asked { get; }

    /// <inheritdoc/>
    public bool Finished => _finishedAt >= 0;

    /// <summary>One workload action per tick (30 a second at 1×), so the city can be followed step by step; <c>vmquest run</c> runs them at full speed.</summary>
    public long? WorkloadCyclesPerTick => 1;

    /// <inheritdoc/>
    public string Objective
    {
        get
        {
            if (Finished)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"Finished: every workload program ended by tick {_finishedAt} — R runs them again, Esc quits");
            }

            var unstarted = _spawned < Asked ? string.Create(CultureInfo.InvariantCulture, $" · {Asked - _spawned} not started") : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"tick {_tick} · {Runner.RunningPids.Count} workload processes running, {Runner.Exited.Count} ended{unstarted}");
        }
    }

    /// <inheritdoc/>
    (int Child, string? Error) ISandboxProcessControl.Fork(int pid) => Runner.Fork(pid);

    /// <inheritdoc/>
    void ISandboxProcessControl.Kill(int pid, int signal) => Runner.Kill(pid, signal);

    /// <inheritdoc/>
    public void Tick()
    {
        // The kernel's systems step the programs after this (the simulate phase); here only the end is noticed.
        _tick++;
        if (!Finished && Runner.IsIdle)
        {
            _finishedAt = _tick;
        }
    }
}
