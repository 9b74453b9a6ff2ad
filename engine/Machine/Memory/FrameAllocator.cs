namespace VmQuest.Engine.Machine.Memory;

/// <summary>
/// Hands out free physical frames, lowest number first, so page-table frames land in the same place on every
/// run. Guarantees: a frame is never handed out twice without being freed; free + used = total.
/// </summary>
public sealed class FrameAllocator
{
    private readonly bool[] _used;
    private ulong _searchFrom;

    /// <summary>Creates an allocator for <paramref name="frameCount"/> frames, all free.</summary>
    public FrameAllocator(ulong frameCount)
    {
        _used = new bool[frameCount];
        FreeCount = frameCount;
    }

    /// <summary>Total frames.</summary>
    public ulong FrameCount => (ulong)_used.LongLength;

    /// <summary>Frames not in use.</summary>
    public ulong FreeCount { get; private set; }

    /// <summary>Whether <paramref name="frame"/> is in use.</summary>
    public bool IsUsed(ulong frame) => _used[frame];

    /// <summary>Marks a specific frame used (boot images, device memory). Returns false if it already was.</summary>
    public bool Reserve(ulong frame)
    {
        if (_used[frame])
        {
            return false;
        }

        _used[frame] = true;
        FreeCount--;
        return true;
    }

    /// <summary>Allocates the lowest free frame; throws <see cref="InvalidOperationException"/> when memory is full.</summary>
    public ulong Allocate()
    {
        for (ulong f = _searchFrom; f < FrameCount; f++)
        {
            if (!_used[f])
            {
                _used[f] = true;
                FreeCount--;
                _searchFrom = f + 1;
                return f;
            }
        }

        throw new InvalidOperationException("out of physical frames");
    }

    /// <summary>Allocates the lowest run of <paramref name="count"/> free frames; returns the first.</summary>
    public ulong AllocateContiguous(ulong count)
    {
        ulong run = 0;
        for (ulong f = 0; f < FrameCount; f++)
        {
            run = _used[f] ? 0 : run + 1;
            if (run == count)
            {
                ulong first = f + 1 - count;
                for (ulong g = first; g <= f; g++)
                {
                    Reserve(g);
                }

                return first;
            }
        }

        throw new InvalidOperationException($"no {count} contiguous free frames");
    }

    /// <summary>
    /// Allocates the lowest run of <paramref name="count"/> (a power of two) free frames whose first frame is a multiple
    /// of <paramref name="count"/> — a transparent huge page's 512 frames, which the buddy allocator hands out as one
    /// order-9 block. Returns false, taking nothing, when no such run is free (there is no compaction).
    /// </summary>
    public bool TryAllocateAligned(ulong count, out ulong first)
    {
        first = 0;
        if (count == 0 || (count & (count - 1)) != 0 || FreeCount < count)
        {
            return false;
        }

        for (ulong start = 0; start + count <= FrameCount; start += count)
        {
            ulong f = start;
            while (f < start + count && !_used[f])
            {
                f++;
            }

            if (f == start + count)
            {
                for (ulong g = start; g < start + count; g++)
                {
                    Reserve(g);
                }

                first = start;
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns a used frame to the free pool; freeing a free frame throws.</summary>
    public void Free(ulong frame)
    {
        if (!_used[frame])
        {
            throw new InvalidOperationException($"frame {frame} is already free");
        }

        _used[frame] = false;
        FreeCount++;
        _searchFrom = Math.Min(_searchFrom, frame);
    }
}
