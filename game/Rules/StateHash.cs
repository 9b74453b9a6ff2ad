using System.Buffers.Binary;
using System.Security.Cryptography;
using VmQuest.Engine.Kernel;

namespace VmQuest.Rules;

/// <summary>
/// The state hash of a simulation: the first 8 bytes of a SHA-256 over the kernel's canonical state, written
/// as 16 lower-case hex digits. Equal states give equal hashes in every process and on every machine (only
/// integers, little-endian, in a fixed order; no addresses of objects, no dictionaries' orders).
/// </summary>
/// <remarks>
/// The bytes hashed, each integer as 8 bytes little-endian (docs/replays.md, "The state hash"):
/// <list type="number">
/// <item>the cycle clock;</item>
/// <item>the counters: accesses, faults, minor, major, copy-on-write copies and reuses, evictions, context
/// switches, SIGSEGVs, SIGBUSes, OOM kills, fork failures; then the TLB's hits and misses;</item>
/// <item>the number of processes, then for each in pid order: pid, state (its enum value);</item>
/// <item>for each live process in pid order, every non-empty leaf entry of its page tables in address order:
/// pid, virtual address, the raw entry (frame number and every flag, accessed and dirty included, or a swap entry);</item>
/// <item>the frame table: the number of frames, then each frame's use as the kernel reports it (its enum value: free, page table, anonymous, file, …) and map count;</item>
/// <item>the world generator's four state words.</item>
/// </list>
/// The replacement policy's own lists are not hashed: they follow from the history above, and a difference
/// there shows in the next eviction, which the following checkpoint hashes.
/// </remarks>
public static class StateHash
{
    /// <summary>The hash of <paramref name="kernel"/>'s state now (16 lower-case hex digits).</summary>
    public static string Of(KernelCore kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var word = new byte[8];
        void Add(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(word, value);
            hash.AppendData(word);
        }

        Add(kernel.Machine.Clock.Cycles);
        var c = kernel.Counters;
        foreach (var counter in (long[])[c.Accesses, c.Faults, c.MinorFaults, c.MajorFaults, c.CowCopies, c.CowReuses, c.Evictions,
                     c.ContextSwitches, c.SegmentationFaults, c.BusErrors, c.OomKills, c.ForkFailures])
        {
            Add(counter);
        }

        Add(kernel.Machine.Mmu.TlbHits);
        Add(kernel.Machine.Mmu.TlbMisses);
        var pids = kernel.Pids.Order().ToArray();
        Add(pids.Length);
        foreach (var pid in pids)
        {
            Add(pid);
            Add((long)kernel.Info(pid).State);
        }

        foreach (var pid in pids)
        {
            if (kernel.MemoryOf(pid).Mm is null)
            {
                continue;
            }

            var leaves = new List<(ulong Va, ulong Entry)>();
            kernel.Walks.ForEachLeaf(kernel.MemoryOf(pid).Root, 0, kernel.TaskSize, (va, _, entry) => leaves.Add((va, entry)));
            kernel.Walks.ForEachHugeLeaf(kernel.MemoryOf(pid).Root, 0, kernel.TaskSize, (va, _, entry) => leaves.Add((va, entry)));   // huge pages: a PMD leaf each
            leaves.Sort((a, b) => a.Va.CompareTo(b.Va));
            foreach (var (va, entry) in leaves)
            {
                Add(pid);
                Add((long)va);
                Add((long)entry);
            }
        }

        var frames = kernel.Frames;
        Add(frames.Count);
        for (ulong f = 0; f < (ulong)frames.Count; f++)
        {
            Add((long)kernel.UseOf(f));
            Add(frames.MapCountOf(f));
        }

        var (s0, s1, s2, s3) = kernel.World.Random.State;
        Add((long)s0);
        Add((long)s1);
        Add((long)s2);
        Add((long)s3);
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }
}
