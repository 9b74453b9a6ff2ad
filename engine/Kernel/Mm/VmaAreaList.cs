namespace VmQuest.Engine.Kernel.Mm;

/// <summary>
/// <see cref="VmaTree.Areas"/>: the areas as a read-only list in address order whose items are read from the
/// entities when asked for, so it never holds a copy that could go stale.
/// </summary>
internal sealed class VmaAreaList(VmaTree tree) : IReadOnlyList<VmArea>
{
    public int Count => tree.Count;

    public VmArea this[int index] => tree.AreaAt(index);

    public IEnumerator<VmArea> GetEnumerator()
    {
        for (var i = 0; i < tree.Count; i++)
        {
            yield return tree.AreaAt(i);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
