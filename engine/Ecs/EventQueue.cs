namespace VmQuest.Engine.Ecs;

/// <summary>Lets the world clear queues of every event type without knowing their types.</summary>
internal interface IEventQueue
{
    void Clear();
}

/// <summary>
/// A per-tick queue of <typeparamref name="T"/> events (e.g. a page fault raised by translation and read
/// by the fault handler). Events keep the order they were sent in; readers see a span of them and do not
/// consume them, so several systems can read the same events. The world clears it at the end of each tick.
/// </summary>
public sealed class EventQueue<T> : IEventQueue
    where T : struct
{
    private T[] _items = new T[16];

    /// <summary>The number of events sent this tick.</summary>
    public int Count { get; private set; }

    /// <summary>Appends an event.</summary>
    public void Send(in T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    /// <summary>The events sent this tick, oldest first; valid until the next <see cref="Send"/> or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<T> Read() => new(_items, 0, Count);

    /// <summary>Drops every event (keeping the buffer for the next tick).</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }
}
