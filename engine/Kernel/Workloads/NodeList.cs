using System.Collections;

namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// An immutable list with value equality, so AST records that hold lists compare structurally (two parses
/// of the same text are equal). Items are copied on construction; the list never changes afterwards.
/// </summary>
/// <typeparam name="T">Item type; its own <see cref="object.Equals(object)"/> decides item equality.</typeparam>
public sealed class NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly T[] _items;

    /// <summary>Creates a list holding a copy of <paramref name="items"/>, in order.</summary>
    public NodeList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
    }

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public T this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>True when both lists hold equal items in the same order.</summary>
    public bool Equals(NodeList<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NodeList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Structural equality.</summary>
    public static bool operator ==(NodeList<T>? left, NodeList<T>? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    public static bool operator !=(NodeList<T>? left, NodeList<T>? right) => !(left == right);
}
