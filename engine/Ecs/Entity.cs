namespace VmQuest.Engine.Ecs;

/// <summary>
/// A handle to an entity: an <see cref="Id"/> slot plus the <see cref="Version"/> that slot had when the
/// handle was made. Destroying an entity bumps its slot's version, so every old handle becomes stale and
/// is rejected by the <see cref="World"/> instead of silently reaching the slot's next occupant.
/// <c>default(Entity)</c> is <see cref="Null"/> and is never alive.
/// </summary>
public readonly struct Entity : IEquatable<Entity>, IComparable<Entity>
{
    /// <summary>The slot index in its world; reused after the entity is destroyed.</summary>
    public readonly int Id;

    /// <summary>The slot's version when this handle was made; live versions are always ≥ 1.</summary>
    public readonly int Version;

    /// <summary>Creates a handle; only worlds hand out handles that can be alive.</summary>
    public Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>The handle that never names a live entity.</summary>
    public static Entity Null => default;

    /// <summary>True for <see cref="Null"/> (version 0), which no world ever hands out.</summary>
    public bool IsNull => Version == 0;

    /// <inheritdoc />
    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Entity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <summary>Orders by id, then version: the order entities have in a fresh world.</summary>
    public int CompareTo(Entity other) => Id != other.Id ? Id.CompareTo(other.Id) : Version.CompareTo(other.Version);

    /// <summary>Handles are equal when both id and version are equal.</summary>
    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    /// <summary>Handles differ when id or version differ.</summary>
    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);

    /// <summary>Orders by id, then version.</summary>
    public static bool operator <(Entity left, Entity right) => left.CompareTo(right) < 0;

    /// <summary>Orders by id, then version.</summary>
    public static bool operator >(Entity left, Entity right) => left.CompareTo(right) > 0;

    /// <summary>Orders by id, then version.</summary>
    public static bool operator <=(Entity left, Entity right) => left.CompareTo(right) <= 0;

    /// <summary>Orders by id, then version.</summary>
    public static bool operator >=(Entity left, Entity right) => left.CompareTo(right) >= 0;

    /// <summary>Prints as <c>Entity(id v version)</c>, e.g. <c>Entity(12v3)</c>.</summary>
    public override string ToString() => IsNull ? "Entity(null)" : $"Entity({Id}v{Version})";
}
