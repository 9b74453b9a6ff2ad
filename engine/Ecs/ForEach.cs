namespace VmQuest.Engine.Ecs;

/// <summary>Called once per matching entity with a writable reference to its component.</summary>
public delegate void ForEach<T0>(ref T0 c0);

/// <summary>Called once per matching entity with writable references to its components.</summary>
public delegate void ForEach<T0, T1>(ref T0 c0, ref T1 c1);

/// <summary>Called once per matching entity with writable references to its components.</summary>
public delegate void ForEach<T0, T1, T2>(ref T0 c0, ref T1 c1, ref T2 c2);

/// <summary>Called once per matching entity with its handle and a writable reference to its component.</summary>
public delegate void ForEachWithEntity<T0>(Entity entity, ref T0 c0);

/// <summary>Called once per matching entity with its handle and writable references to its components.</summary>
public delegate void ForEachWithEntity<T0, T1>(Entity entity, ref T0 c0, ref T1 c1);

/// <summary>
/// A struct callback for <see cref="World.InlineQuery{TForEach, T0}(QueryDescription, ref TForEach)"/>: being a
/// struct type argument, the JIT specialises and inlines <see cref="Update"/> into the loop (no delegate call).
/// </summary>
public interface IForEach<T0>
{
    /// <summary>Visits one entity's component.</summary>
    void Update(ref T0 c0);
}

/// <summary>A struct callback over two components; see <see cref="IForEach{T0}"/>.</summary>
public interface IForEach<T0, T1>
{
    /// <summary>Visits one entity's components.</summary>
    void Update(ref T0 c0, ref T1 c1);
}

/// <summary>A struct callback over three components; see <see cref="IForEach{T0}"/>.</summary>
public interface IForEach<T0, T1, T2>
{
    /// <summary>Visits one entity's components.</summary>
    void Update(ref T0 c0, ref T1 c1, ref T2 c2);
}

/// <summary>A struct callback that also receives the entity handle; see <see cref="IForEach{T0}"/>.</summary>
public interface IForEachWithEntity<T0>
{
    /// <summary>Visits one entity.</summary>
    void Update(Entity entity, ref T0 c0);
}

/// <summary>A struct callback over two components that also receives the entity handle.</summary>
public interface IForEachWithEntity<T0, T1>
{
    /// <summary>Visits one entity.</summary>
    void Update(Entity entity, ref T0 c0, ref T1 c1);
}
