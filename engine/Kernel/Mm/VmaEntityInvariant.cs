using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// The VMA entities and the mm indexes over them are one set: every live process's <see cref="VmaTree"/>
/// passes its own check (sorted, disjoint, merged, each key its entity's start, each entity owned by that
/// pid), and the kernel's world holds exactly the entities those trees index, no more (an exited process, a
/// merge or an unmap leaves none behind). Slow: for tests and debugging.
/// </summary>
public static class VmaEntityInvariant
{
    private static readonly QueryDescription Vmas = new QueryDescription().WithAll<VmaOwner>();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first disagreement.</summary>
    public static void Check(KernelCore kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var indexed = new Dictionary<Entity, int>();
        foreach (var pid in kernel.Pids)
        {
            if (kernel.MemoryOf(pid).Mm is not { } mm)
            {
                continue;
            }

            mm.Vmas.CheckInvariants();
            for (var i = 0; i < mm.Vmas.Count; i++)
            {
                if (!indexed.TryAdd(mm.Vmas.EntityAtIndex(i), pid))
                {
                    throw new InvalidOperationException($"VMA entity {mm.Vmas.EntityAtIndex(i)} is indexed twice.");
                }
            }
        }

        var unindexed = new List<(Entity Entity, int Pid)>();
        var count = 0;
        kernel.World.Query(Vmas, (Entity entity, ref VmaOwner owner) =>
        {
            count++;
            if (!indexed.TryGetValue(entity, out var pid) || pid != owner.Pid)
            {
                unindexed.Add((entity, owner.Pid));
            }
        });
        if (unindexed.Count > 0)
        {
            throw new InvalidOperationException($"VMA entity {unindexed[0].Entity} of pid {unindexed[0].Pid} is in no live address space's index.");
        }

        if (count != indexed.Count)
        {
            throw new InvalidOperationException($"{indexed.Count} VMAs are indexed but the world holds {count} VMA entities.");
        }
    }
}
