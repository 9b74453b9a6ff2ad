namespace VmQuest.Benchmarks.Ecs;

/// <summary>An 8-byte component, the size of a PTE or a frame number.</summary>
public struct Value0
{
    public long V;
}

/// <summary>A second 8-byte component.</summary>
public struct Value1
{
    public long V;
}

/// <summary>The component added and removed by the structural-change benchmarks.</summary>
public struct Marker
{
    public int V;
}
