using System.Runtime.CompilerServices;

namespace VmQuest.Engine.Ecs;

/// <summary>
/// What the store needs to know about one component type without its generic parameter: a dense id,
/// its size, whether it holds references (so vacated slots must be cleared for the GC), and how to make
/// an array of it. Ids are process-wide and never reused.
/// </summary>
public sealed class ComponentType
{
    private static readonly Lock Gate = new();
    private static ComponentType[] _all = [];

    private readonly Func<int, Array> _createArray;
    private readonly Func<int, Array> _createLongLivedArray;

    private ComponentType(int id, Type type, int size, bool holdsReferences, Func<int, Array> createArray, Func<int, Array> createLongLivedArray)
    {
        Id = id;
        Type = type;
        Size = size;
        HoldsReferences = holdsReferences;
        _createArray = createArray;
        _createLongLivedArray = createLongLivedArray;
    }

    /// <summary>Dense id, from 0, in order of first use in this process.</summary>
    public int Id { get; }

    /// <summary>The component's CLR type.</summary>
    public Type Type { get; }

    /// <summary>Bytes one component occupies in its array.</summary>
    public int Size { get; }

    /// <summary>True when the type holds managed references, so a vacated slot is cleared.</summary>
    public bool HoldsReferences { get; }

    /// <summary>The number of component types registered so far in this process.</summary>
    public static int Count => Volatile.Read(ref _all).Length;

    /// <summary>The registered type with <paramref name="id"/>.</summary>
    public static ComponentType FromId(int id) => Volatile.Read(ref _all)[id];

    /// <summary>The descriptor for <typeparamref name="T"/>, registering it on first use.</summary>
    public static ComponentType Of<T>() => FromId(ComponentTypeId<T>.Value);

    internal Array CreateArray(int length) => _createArray(length);

    /// <summary>
    /// An array for a full chunk: on the pinned object heap when the component holds no references, so the
    /// collector never copies it from generation to generation (a fork fills hundreds of PTE chunks at once).
    /// </summary>
    internal Array CreateLongLivedArray(int length) => _createLongLivedArray(length);

    internal static int Register<T>()
    {
        lock (Gate)
        {
            var id = _all.Length;
            var entry = new ComponentType(id, typeof(T), Unsafe.SizeOf<T>(),
                RuntimeHelpers.IsReferenceOrContainsReferences<T>(), static n => new T[n],
                RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? static n => new T[n] : static n => GC.AllocateArray<T>(n, pinned: true));
            var grown = new ComponentType[id + 1];
            _all.CopyTo(grown, 0);
            grown[id] = entry;
            Volatile.Write(ref _all, grown);
            return id;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Type.Name;
}

/// <summary>The dense id of <typeparamref name="T"/>, resolved once per type by the runtime.</summary>
internal static class ComponentTypeId<T>
{
    public static readonly int Value = ComponentType.Register<T>();
}
