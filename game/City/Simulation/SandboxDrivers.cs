namespace VmQuest.City.Simulation;

/// <summary>Which driver runs a sandbox's settings: its workload programs, its trace, or the built-in programs (exec'ing its ELF or its imported layout).</summary>
public static class SandboxDrivers
{
    /// <summary>A new driver for <paramref name="settings"/> (booting its machine).</summary>
    /// <exception cref="VmQuest.Engine.Machine.InputFileException">The machine name is unknown.</exception>
    public static ISimulationDriver Create(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Workloads.Count > 0 ? new WorkloadSandbox(settings)
            : settings.Trace is not null ? new TraceSandbox(settings)
            : new SandboxScenario(settings);
    }
}
