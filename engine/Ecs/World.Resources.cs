namespace VmQuest.Engine.Ecs;

/// <summary>Typed singletons owned by the world, and its per-tick event queues.</summary>
public sealed partial class World
{
    private readonly Dictionary<Type, object> _resources = [];
    private readonly Dictionary<Type, IEventQueue> _eventQueues = [];
    private readonly List<IEventQueue> _eventQueuesInOrder = [];

    /// <summary>The number of ticks ended with <see cref="EndTick"/> since the world was created.</summary>
    public long Tick { get; private set; }

    /// <summary>Stores <paramref name="value"/> as the world's one <typeparamref name="T"/>, replacing any earlier one.</summary>
    public void SetResource<T>(T value)
    {
        if (_resources.TryGetValue(typeof(T), out var box))
        {
            ((ResourceBox<T>)box).Value = value;
        }
        else
        {
            _resources.Add(typeof(T), new ResourceBox<T> { Value = value });
        }
    }

    /// <summary>A writable reference to the world's <typeparamref name="T"/>; throws <see cref="MissingResourceException"/> if unset.</summary>
    public ref T GetResource<T>()
    {
        if (!_resources.TryGetValue(typeof(T), out var box))
        {
            throw new MissingResourceException(typeof(T));
        }

        return ref ((ResourceBox<T>)box).Value;
    }

    /// <summary>True when a <typeparamref name="T"/> resource has been set.</summary>
    public bool HasResource<T>() => _resources.ContainsKey(typeof(T));

    /// <summary>Removes the <typeparamref name="T"/> resource; returns false when there was none.</summary>
    public bool RemoveResource<T>() => _resources.Remove(typeof(T));

    /// <summary>
    /// The world's queue of <typeparamref name="T"/> events, created on first use. Events sent during a
    /// tick are readable by every later reader in the same tick and are dropped by <see cref="EndTick"/>.
    /// </summary>
    public EventQueue<T> Events<T>()
        where T : struct
    {
        if (_eventQueues.TryGetValue(typeof(T), out var queue))
        {
            return (EventQueue<T>)queue;
        }

        var created = new EventQueue<T>();
        _eventQueues.Add(typeof(T), created);
        _eventQueuesInOrder.Add(created);
        return created;
    }

    /// <summary>Ends the tick: clears every event queue and advances <see cref="Tick"/>.</summary>
    public void EndTick()
    {
        foreach (var queue in _eventQueuesInOrder)
        {
            queue.Clear();
        }

        Tick++;
    }

    private sealed class ResourceBox<T>
    {
        public T Value = default!;
    }
}
