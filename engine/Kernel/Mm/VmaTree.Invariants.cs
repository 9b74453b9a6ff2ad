namespace VmQuest.Engine.Kernel.Mm;

/// <summary>The tree's invariants: the areas' and the index's agreement with the entities.</summary>
public sealed partial class VmaTree
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first broken invariant.</summary>
    public void CheckInvariants()
    {
        for (var i = 0; i < _index.Count; i++)
        {
            var (key, entity) = (_index[i].Start, _index[i].Entity);
            if (!World.IsAlive(entity))
            {
                throw new InvalidOperationException($"Area {i}'s entity {entity} is not alive.");
            }

            if (World.Get<VmaOwner>(entity).Pid != OwnerPid)
            {
                throw new InvalidOperationException($"Area {i}'s entity {entity} belongs to pid {World.Get<VmaOwner>(entity).Pid}, not {OwnerPid}.");
            }

            var area = AreaAt(i);
            if (key != area.Start)
            {
                throw new InvalidOperationException($"Area {i}'s key {key:x} is not its entity's start {area.Start:x}.");
            }

            if (area.Start >= area.End || area.Start % PageSize != 0 || area.End % PageSize != 0)
            {
                throw new InvalidOperationException($"Area {i} [{area.Start:x}, {area.End:x}) is empty or not page-aligned.");
            }

            if (i > 0 && EndAt(i - 1) > area.Start)
            {
                throw new InvalidOperationException($"Areas {i - 1} and {i} overlap or are out of order.");
            }

            if (i > 0 && AreaAt(i - 1).CanMergeWith(area))
            {
                throw new InvalidOperationException($"Areas {i - 1} and {i} should have been merged.");
            }
        }
    }
}
