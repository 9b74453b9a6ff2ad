using System.Numerics;

namespace VmQuest.Engine.Ecs;

/// <summary>
/// An immutable set of component type ids, stored as a bit mask. Two sets with the same members are
/// equal and hash alike whatever order they were built in, so a set names an archetype.
/// </summary>
public sealed class ComponentSet : IEquatable<ComponentSet>
{
    private readonly ulong[] _words;

    private ComponentSet(ulong[] words)
    {
        _words = Trim(words);
    }

    /// <summary>The set with no members.</summary>
    public static ComponentSet Empty { get; } = new([]);

    /// <summary>True when the set has no members.</summary>
    public bool IsEmpty => _words.Length == 0;

    /// <summary>The number of members.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var word in _words)
            {
                count += BitOperations.PopCount(word);
            }

            return count;
        }
    }

    /// <summary>Builds a set from component type ids.</summary>
    public static ComponentSet Of(params ReadOnlySpan<int> ids)
    {
        var max = -1;
        foreach (var id in ids)
        {
            max = Math.Max(max, id);
        }

        var words = new ulong[(max >> 6) + 1];
        foreach (var id in ids)
        {
            words[id >> 6] |= 1UL << (id & 63);
        }

        return new ComponentSet(words);
    }

    /// <summary>True when <paramref name="id"/> is a member.</summary>
    public bool Contains(int id)
    {
        var word = id >> 6;
        return word < _words.Length && (_words[word] & (1UL << (id & 63))) != 0;
    }

    /// <summary>This set with <paramref name="id"/> added.</summary>
    public ComponentSet With(int id)
    {
        var grown = new ulong[Math.Max(_words.Length, (id >> 6) + 1)];
        _words.CopyTo(grown, 0);
        grown[id >> 6] |= 1UL << (id & 63);
        return new ComponentSet(grown);
    }

    /// <summary>This set with <paramref name="id"/> removed.</summary>
    public ComponentSet Without(int id)
    {
        var copy = (ulong[])_words.Clone();
        if ((id >> 6) < copy.Length)
        {
            copy[id >> 6] &= ~(1UL << (id & 63));
        }

        return new ComponentSet(copy);
    }

    /// <summary>True when every member of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(ComponentSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _words.Length; i++)
        {
            var theirs = i < other._words.Length ? other._words[i] : 0;
            if ((_words[i] & ~theirs) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the two sets share at least one member.</summary>
    public bool Overlaps(ComponentSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var shared = Math.Min(_words.Length, other._words.Length);
        for (var i = 0; i < shared; i++)
        {
            if ((_words[i] & other._words[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member ids in ascending order.</summary>
    public int[] ToArray()
    {
        var ids = new int[Count];
        var next = 0;
        for (var i = 0; i < _words.Length; i++)
        {
            var word = _words[i];
            while (word != 0)
            {
                ids[next++] = (i << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }

        return ids;
    }

    /// <inheritdoc />
    public bool Equals(ComponentSet? other) => other is not null && _words.AsSpan().SequenceEqual(other._words);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ComponentSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var word in _words)
        {
            hash.Add(word);
        }

        return hash.ToHashCode();
    }

    /// <summary>Lists the members' type names, e.g. <c>{Position, Velocity}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", ToArray().Select(id => ComponentType.FromId(id).Type.Name)) + "}";

    // Trailing zero words are dropped so equal sets have equal arrays.
    private static ulong[] Trim(ulong[] words)
    {
        var length = words.Length;
        while (length > 0 && words[length - 1] == 0)
        {
            length--;
        }

        return length == words.Length ? words : words[..length];
    }
}
