namespace VmQuest.Engine.Ecs;

/// <summary>
/// Which entities a query visits: those that have <b>all</b> of <see cref="All"/>, at least one of
/// <see cref="Any"/> (when it is not empty) and <b>none</b> of <see cref="None"/>. Immutable: each
/// <c>With…</c> returns a new description, so one kept in a field can be shared safely.
/// Descriptions with the same sets are equal, so the world caches one <see cref="Query"/> per description.
/// </summary>
public sealed class QueryDescription : IEquatable<QueryDescription>
{
    /// <summary>A description that matches every entity.</summary>
    public QueryDescription()
        : this(ComponentSet.Empty, ComponentSet.Empty, ComponentSet.Empty)
    {
    }

    private QueryDescription(ComponentSet all, ComponentSet any, ComponentSet none)
    {
        All = all;
        Any = any;
        None = none;
    }

    /// <summary>Types a matching entity must all have.</summary>
    public ComponentSet All { get; }

    /// <summary>Types of which a matching entity must have at least one (ignored when empty).</summary>
    public ComponentSet Any { get; }

    /// <summary>Types a matching entity must not have.</summary>
    public ComponentSet None { get; }

    /// <summary>Also requires <typeparamref name="T0"/>.</summary>
    public QueryDescription WithAll<T0>() => new(All.With(ComponentTypeId<T0>.Value), Any, None);

    /// <summary>Also requires <typeparamref name="T0"/> and <typeparamref name="T1"/>.</summary>
    public QueryDescription WithAll<T0, T1>() => WithAll<T0>().WithAll<T1>();

    /// <summary>Also requires <typeparamref name="T0"/>, <typeparamref name="T1"/> and <typeparamref name="T2"/>.</summary>
    public QueryDescription WithAll<T0, T1, T2>() => WithAll<T0, T1>().WithAll<T2>();

    /// <summary>Adds <typeparamref name="T0"/> to the types of which at least one is required.</summary>
    public QueryDescription WithAny<T0>() => new(All, Any.With(ComponentTypeId<T0>.Value), None);

    /// <summary>Adds both types to the types of which at least one is required.</summary>
    public QueryDescription WithAny<T0, T1>() => WithAny<T0>().WithAny<T1>();

    /// <summary>Excludes entities that have <typeparamref name="T0"/>.</summary>
    public QueryDescription WithNone<T0>() => new(All, Any, None.With(ComponentTypeId<T0>.Value));

    /// <summary>Excludes entities that have either type.</summary>
    public QueryDescription WithNone<T0, T1>() => WithNone<T0>().WithNone<T1>();

    /// <summary>True when an archetype with <paramref name="signature"/> matches.</summary>
    public bool Matches(ComponentSet signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return All.IsSubsetOf(signature) && !None.Overlaps(signature) && (Any.IsEmpty || Any.Overlaps(signature));
    }

    /// <inheritdoc />
    public bool Equals(QueryDescription? other) =>
        other is not null && All.Equals(other.All) && Any.Equals(other.Any) && None.Equals(other.None);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as QueryDescription);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(All, Any, None);

    /// <inheritdoc />
    public override string ToString() => $"All{All} Any{Any} None{None}";
}
