namespace VmQuest.Engine.Ecs;

/// <summary>
/// The order systems run in: named phases in a fixed order, and within each phase the systems in the
/// order they were added. Nothing is reordered at run time, so the same world and inputs always run the
/// same code in the same order. <see cref="RunTick"/> runs every phase, then ends the world's tick (which
/// clears its event queues).
/// </summary>
public sealed class Schedule
{
    private readonly List<(string Phase, List<ISystem> Systems)> _phases = [];

    /// <summary>Creates a schedule with the given phases, run in the order given.</summary>
    public Schedule(params IEnumerable<string> phaseNames)
    {
        ArgumentNullException.ThrowIfNull(phaseNames);
        foreach (var name in phaseNames)
        {
            if (_phases.Exists(p => p.Phase == name))
            {
                throw new ArgumentException($"Phase '{name}' is listed twice.", nameof(phaseNames));
            }

            _phases.Add((name, []));
        }
    }

    /// <summary>The phase names in run order.</summary>
    public IReadOnlyList<string> Phases => _phases.ConvertAll(p => p.Phase);

    /// <summary>Appends <paramref name="system"/> to <paramref name="phase"/>; returns this schedule for chaining.</summary>
    public Schedule Add(string phase, ISystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        SystemsOf(phase).Add(system);
        return this;
    }

    /// <summary>Lets <paramref name="module"/> add its systems; returns this schedule for chaining.</summary>
    public Schedule AddModule(IScheduleModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        module.Register(this);
        return this;
    }

    /// <summary>Runs the systems of one phase, in order.</summary>
    public void RunPhase(World world, string phase)
    {
        foreach (var system in SystemsOf(phase))
        {
            system.Run(world);
        }
    }

    /// <summary>Runs every phase in order, then <see cref="World.EndTick"/>.</summary>
    public void RunTick(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        foreach (var (_, systems) in _phases)
        {
            foreach (var system in systems)
            {
                system.Run(world);
            }
        }

        world.EndTick();
    }

    /// <summary>The run order as lines <c>Phase: SystemType</c>; tests pin it.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        foreach (var (phase, systems) in _phases)
        {
            lines.Add(phase + ":");
            lines.AddRange(systems.Select(s => $"{phase}: {s.GetType().Name}"));
        }

        return lines;
    }

    private List<ISystem> SystemsOf(string phase)
    {
        foreach (var (name, systems) in _phases)
        {
            if (name == phase)
            {
                return systems;
            }
        }

        throw new ArgumentException($"No phase named '{phase}'; phases are {string.Join(", ", Phases)}.", nameof(phase));
    }
}
