namespace VmQuest.Engine.Ecs;

/// <summary>
/// Records structural changes (create, destroy, add, remove) and writes (set) to apply later, typically
/// after a query has finished iterating. <see cref="Playback"/> applies them <b>in exactly the order they
/// were recorded</b>, one at a time, so a later command sees the effect of every earlier one.
/// <para>
/// <see cref="Create"/> hands out the new entity's handle at once (so later commands can name it); the
/// entity is only placed, and becomes alive, when its create command plays back. If a command fails during
/// playback (e.g. it names an entity destroyed in the meantime), the commands before it stay applied, the
/// exception propagates, and the buffer is left empty. Playback during a query throws
/// <see cref="StructuralChangeException"/> and applies nothing.
/// </para>
/// </summary>
public sealed class CommandBuffer
{
    private readonly World _world;
    private readonly List<Command> _commands = [];
    private readonly Dictionary<int, IComponentCommands> _typed = [];

    /// <summary>Creates an empty buffer for <paramref name="world"/>.</summary>
    public CommandBuffer(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        _world = world;
    }

    /// <summary>The number of commands waiting for playback.</summary>
    public int Count => _commands.Count;

    /// <summary>Records the creation of an entity and returns its (not yet alive) handle.</summary>
    public Entity Create()
    {
        var entity = _world.ReserveHandle();
        _commands.Add(new Command(CommandKind.Create, entity, null, 0));
        return entity;
    }

    /// <summary>Records the destruction of <paramref name="entity"/>.</summary>
    public void Destroy(Entity entity) => _commands.Add(new Command(CommandKind.Destroy, entity, null, 0));

    /// <summary>Records adding <paramref name="component"/> to <paramref name="entity"/>.</summary>
    public void Add<T>(Entity entity, in T component) =>
        _commands.Add(new Command(CommandKind.Add, entity, CommandsFor<T>(), CommandsFor<T>().Store(component)));

    /// <summary>Records overwriting <paramref name="entity"/>'s existing <typeparamref name="T"/>.</summary>
    public void Set<T>(Entity entity, in T component) =>
        _commands.Add(new Command(CommandKind.Set, entity, CommandsFor<T>(), CommandsFor<T>().Store(component)));

    /// <summary>Records removing <paramref name="entity"/>'s <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity) => _commands.Add(new Command(CommandKind.Remove, entity, CommandsFor<T>(), 0));

    /// <summary>Applies every recorded command in recording order, then empties the buffer.</summary>
    public void Playback()
    {
        if (_world.IsIterating)
        {
            throw new StructuralChangeException(nameof(Playback));
        }

        var applied = 0;
        try
        {
            for (; applied < _commands.Count; applied++)
            {
                Apply(_commands[applied]);
            }
        }
        finally
        {
            ReleaseUnplacedFrom(applied + 1);
            Clear(releaseReservations: false);
        }
    }

    /// <summary>Drops every recorded command without applying it; handles from <see cref="Create"/> become stale.</summary>
    public void Clear() => Clear(releaseReservations: true);

    private void Apply(in Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Create:
                _world.PlaceReserved(command.Entity);
                break;
            case CommandKind.Destroy:
                _world.Destroy(command.Entity);
                break;
            case CommandKind.Add:
                command.Component!.Add(_world, command.Entity, command.Index);
                break;
            case CommandKind.Set:
                command.Component!.Set(_world, command.Entity, command.Index);
                break;
            case CommandKind.Remove:
                command.Component!.Remove(_world, command.Entity);
                break;
        }
    }

    private void Clear(bool releaseReservations)
    {
        if (releaseReservations)
        {
            ReleaseUnplacedFrom(0);
        }

        _commands.Clear();
        foreach (var buffer in _typed.Values)
        {
            buffer.Clear();
        }
    }

    // Reserved handles whose create command never played back must not leak their ids.
    private void ReleaseUnplacedFrom(int start)
    {
        for (var i = start; i < _commands.Count; i++)
        {
            if (_commands[i].Kind == CommandKind.Create && _world.IsReservedHandle(_commands[i].Entity))
            {
                _world.ReleaseReserved(_commands[i].Entity);
            }
        }
    }

    private ComponentCommands<T> CommandsFor<T>()
    {
        var id = ComponentTypeId<T>.Value;
        if (!_typed.TryGetValue(id, out var buffer))
        {
            buffer = new ComponentCommands<T>();
            _typed.Add(id, buffer);
        }

        return (ComponentCommands<T>)buffer;
    }

    private enum CommandKind : byte
    {
        Create,
        Destroy,
        Add,
        Set,
        Remove,
    }

    private readonly record struct Command(CommandKind Kind, Entity Entity, IComponentCommands? Component, int Index);

    /// <summary>Applies commands of one component type without boxing its values.</summary>
    private interface IComponentCommands
    {
        void Add(World world, Entity entity, int index);

        void Set(World world, Entity entity, int index);

        void Remove(World world, Entity entity);

        void Clear();
    }

    private sealed class ComponentCommands<T> : IComponentCommands
    {
        private readonly List<T> _values = [];

        public int Store(in T value)
        {
            _values.Add(value);
            return _values.Count - 1;
        }

        public void Add(World world, Entity entity, int index) => world.Add(entity, _values[index]);

        public void Set(World world, Entity entity, int index) => world.Set(entity, _values[index]);

        public void Remove(World world, Entity entity) => world.Remove<T>(entity);

        public void Clear() => _values.Clear();
    }
}
