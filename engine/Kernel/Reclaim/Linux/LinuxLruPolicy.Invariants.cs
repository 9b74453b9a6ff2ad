using VmQuest.Engine.Kernel.Memory;

namespace VmQuest.Engine.Kernel.Reclaim.Linux;

/// <summary>The lists' invariant, checked by <see cref="KernelInvariants"/> after every step of the property tests.</summary>
public sealed partial class LinuxLruPolicy
{
    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> unless the four lists partition the reclaimable frames: every
    /// frame holding an anonymous or file page is on exactly one list, the list of its kind, and no other frame is
    /// on any; each list's links and count agree.
    /// </summary>
    internal void CheckLists(FrameTable frames)
    {
        var seen = 0;
        foreach (var list in Enum.GetValues<LruList>())
        {
            var count = 0;
            for (var f = _lists.Head(list); f >= 0; f = _lists.Next(f))
            {
                if (++count > _lists.Capacity || _lists.ListOf(f) != (int)list)
                {
                    throw new InvalidOperationException($"kernel invariant broken: the {list} list's links are broken at frame {f}");
                }

                var use = frames.UseOf((ulong)f);
                if (use is not (FrameUse.Anonymous or FrameUse.File) || (use == FrameUse.File) != list.IsFile())
                {
                    throw new InvalidOperationException($"kernel invariant broken: frame {f} holds {use} but is on the {list} list");
                }
            }

            if (count != _lists.Count(list))
            {
                throw new InvalidOperationException($"kernel invariant broken: the {list} list holds {count} frames but counts {_lists.Count(list)}");
            }

            seen += count;
        }

        if (seen != frames.DataFrames)
        {
            throw new InvalidOperationException($"kernel invariant broken: {frames.DataFrames} frames hold user pages but the LRU lists hold {seen}");
        }
    }
}
