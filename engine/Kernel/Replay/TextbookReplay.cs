using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VmQuest.Engine.Machine.Costs;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// The textbook replay: a trace replayed with only the work a plain software MMU does — a TLB lookup per
/// reference, a page-table lookup on a miss, demand paging and the replacement policy on a fault — and exactly the
/// counts the kernel path (<see cref="TraceReplaySession"/>) reports: faults (minor, major), evictions, TLB hits and
/// misses, page-table pages and cycles, field for field (property tests compare the two on random traces).
/// </summary>
/// <remarks>
/// What makes this exact is how little of the kernel a trace reaches: one process whose pages are private
/// anonymous memory mapped up front, read-write (and executable where fetched), no zero page, no fork, swap never
/// full. A page is then untouched, resident or in swap. A first touch is <c>do_anonymous_page</c> (a minor fault:
/// a fresh frame, writable, clean; the tables on its way allocated); a touch of a page in swap is
/// <c>do_swap_page</c> (a major fault: the slot is the page's only reference, so it comes back writable and clean,
/// and its PTE write is an <c>invlpg</c>); a fault with every frame of the budget in use first evicts the
/// policy's victim (<c>shrink_page_list</c>: a swap write, its PTE becomes a swap entry, an <c>invlpg</c>).
/// Tables are never freed. The TLB is the machine's (<see cref="ReplayTlb"/>): a write through a clean entry walks
/// again to set the dirty bit, as x86 does. The cycles are the machine's cost table applied to those counts:
/// each translation a <c>tlbHit</c>, each entry a walk reads a <c>walkMemoryReference</c> (a fault's walk stops at
/// the first entry not present), each fault and each swap write its cost, each <c>invlpg</c> a <c>tlbFlush</c>, on
/// top of what building the process cost. The process is built by the kernel itself (so its set-up cycles and
/// tables are the kernel's); only the replay is textbook. Random replacement (it draws from the kernel's generator,
/// by frame number) and replays that publish events are not modelled (<see cref="Models"/>). The loop and the fault
/// path are compiled optimised at once (a short trace is over before the tiered JIT would promote them).
/// </remarks>
public sealed class TextbookReplay
{
    private const byte Untouched = 0, Resident = 1, Swapped = 2;
    private readonly TraceInput _input;
    private readonly string _policy;
    private readonly ReplayPageIndex _pages;
    private readonly ReplayTlb _tlb;
    private readonly byte[] _state;
    private readonly bool[] _pteDirty;
    private readonly HashSet<ulong> _pudTables = [];
    private readonly HashSet<ulong> _pmdTables = [];
    private readonly HashSet<ulong> _pteTables = [];
    private readonly int _levels;
    private readonly long _limit;
    private readonly CostTable _costs;
    private readonly long _startCycles;
    private readonly long _startTables;
    private long _resident;
    private long _hits;
    private long _misses;
    private long _walkReads;
    private long _minor;
    private long _major;
    private long _evictions;
    private long _invalidations;
    private long _tablesAllocated;
    private ulong _lastPage = ReplayTlb.Empty;
    private bool _lastWritable;
    private bool _ran;

    /// <summary>Builds the process on the kernel (as <see cref="TraceReplaySession"/> does) and an empty replay of <paramref name="input"/>.</summary>
    public TextbookReplay(TraceInput input, TraceReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (!Models(options))
        {
            throw new ArgumentException($"the textbook replay does not model policy {options.Policy}{(options.PublishEvents ? " with events" : "")}", nameof(options));
        }

        _input = input;
        _policy = options.Policy.ToLowerInvariant();
        // The kernel path's own set-up: the same kernel, process and mappings, so the cycles and tables spent before
        // the first reference are the kernel's (FIFO: building it must not precompute OPT's future).
        var setup = new TraceReplaySession(input, options with { Policy = "fifo" });
        var machine = setup.Kernel.Machine;
        var description = machine.Description;
        if (description.PageShift != 12 || description.Levels.Count != 4 || description.Tlb.Replacement != TlbReplacement.Lru)
        {
            throw new InvalidOperationException($"the textbook replay models x86-64's 4-level tables and LRU TLB, not {description.Name}'s");
        }

        _levels = description.Levels.Count;
        _costs = description.Costs;
        _startCycles = machine.Clock.Cycles;
        _startTables = setup.Kernel.PageTableFrames;
        _tlb = new ReplayTlb(description.Tlb.Entries, description.Tlb.Ways);
        _pages = new ReplayPageIndex(input.Regions);
        _state = new byte[_pages.Count];
        _pteDirty = new bool[_pages.Count];
        _limit = options.Frames ?? long.MaxValue;
        NoteTablesBuilt(machine, input.Regions);
    }

    /// <summary>Whether the textbook replay models <paramref name="options"/>: FIFO, LRU, MRU, Clock and OPT, without events.</summary>
    public static bool Models(TraceReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !options.PublishEvents && options.Policy.ToLowerInvariant() is "fifo" or "lru" or "mru" or "clock" or "opt";
    }

    /// <summary>Replays the whole input once, timing the loop alone; <paramref name="progress"/> as <see cref="TraceReplaySession.Run(Action{long, long}?)"/>.</summary>
    public TraceReplayResult Run(Action<long, long>? progress = null)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a textbook replay runs once");
        }

        _ran = true;
        var watch = new Stopwatch();
        // With a frame for every page nothing is evicted, and no policy needs to keep its order.
        var pressure = _limit < _input.DistinctPages;
        switch (_policy)
        {
            case "opt" when pressure:
                ReplayKnowingTheFuture(watch, progress);
                break;
            case "fifo" when pressure:
                var fifo = new FifoReplayPolicy(_pages.Count);
                Stream(ref fifo, watch, progress);
                break;
            case "lru" or "mru" when pressure:
                var lru = new LruReplayPolicy(_pages.Count, mostRecent: _policy == "mru");
                Stream(ref lru, watch, progress);
                break;
            case "clock" when pressure:
                var clock = new ClockReplayPolicy(_pages.Count);
                Stream(ref clock, watch, progress);
                break;
            default:
                var none = default(NoEvictionPolicy);
                Stream(ref none, watch, progress);
                break;
        }

        var translations = _hits + _misses;
        var cycles = _startCycles + (translations * _costs.TlbHit) + (_walkReads * _costs.WalkMemoryReference)
            + (_minor * _costs.MinorFault) + ((_major + _evictions) * _costs.MajorFault) + (_invalidations * _costs.TlbFlush);
        return new TraceReplayResult(_input.Accesses, _input.ReferenceCount, _input.DistinctPages, _minor + _major, _minor,
            _major, _evictions, _hits, _misses, _startTables + _tablesAllocated, cycles, watch.Elapsed.TotalSeconds);
    }

    private void Stream<TPolicy>(ref TPolicy policy, Stopwatch watch, Action<long, long>? progress)
        where TPolicy : struct, IReplayPolicy
    {
        using var reader = _input.OpenReferences();
        var chunk = new TraceReference[TraceLoader.ChunkReferences];
        long done = 0;
        int read;
        while ((read = reader.Read(chunk)) > 0)
        {
            watch.Start();
            Replay(chunk.AsSpan(0, read), ref policy);
            watch.Stop();
            done += read;
            progress?.Invoke(done, _input.ReferenceCount);
        }
    }

    // The replay loop. Another touch of the page just touched, allowed by its TLB entry, is a hit that changes
    // nothing else: the entry is already its set's most recent, and the policy has already heard of the page.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // The hot loop: compiled optimised at once, never timed as tier-0 code.
    private void Replay<TPolicy>(ReadOnlySpan<TraceReference> references, ref TPolicy policy)
        where TPolicy : struct, IReplayPolicy
    {
        var tlb = _tlb;
        var caching = tlb.Enabled;
        var mask = tlb.SetMask;
        var ways = tlb.Ways;
        // The TLB's arrays by reference: a slot is a set's first (page & mask, below the sets) times the ways plus
        // a way, always inside them, so the lookups need no bounds checks.
        ref var pages = ref MemoryMarshal.GetArrayDataReference(tlb.Pages);
        ref var stamps = ref MemoryMarshal.GetArrayDataReference(tlb.Stamps);
        ref var ids = ref MemoryMarshal.GetArrayDataReference(tlb.Ids);
        ref var dirty = ref MemoryMarshal.GetArrayDataReference(tlb.Dirty);
        var clock = tlb.Clock;
        var lastPage = _lastPage;
        var lastWritable = _lastWritable;
        long hits = 0;
        foreach (ref readonly var reference in references)
        {
            var page = reference.Page;
            var write = reference.Kind == AccessKind.Write;
            if (page == lastPage && (lastWritable || !write))
            {
                hits++;
                continue;
            }

            var set = (int)(page & mask) * ways;
            var slot = -1;
            for (var way = set; way < set + ways; way++)
            {
                if (Unsafe.Add(ref pages, way) == page)
                {
                    slot = way;
                    break;
                }
            }

            int id;
            if (slot >= 0 && (!write || Unsafe.Add(ref dirty, slot)))
            {
                hits++;
                Unsafe.Add(ref stamps, slot) = ++clock;
                id = Unsafe.Add(ref ids, slot);
                lastWritable = Unsafe.Add(ref dirty, slot);
            }
            else
            {
                tlb.Clock = clock;
                id = Miss(page, write, slot, ref policy);
                clock = tlb.Clock;
                lastWritable = _lastWritable;
            }

            policy.Accessed(id);
            // Without a TLB every translation walks: no touch is a repeat hit.
            lastPage = caching ? page : ReplayTlb.Empty;
        }

        tlb.Clock = clock;
        _hits += hits;
        _lastPage = lastPage;
        _lastWritable = lastWritable;
    }

    // OPT's loop, over the trace in memory: each page's id and the next use of each reference are precomputed; the
    // policy re-keys a page at the end of each run of touches of it, as the kernel's OPT loop does.
    private void ReplayKnowingTheFuture(Stopwatch watch, Action<long, long>? progress)
    {
        var references = _input.References;
        var idOf = new int[references.Length];
        for (var t = 0; t < references.Length; t++)
        {
            idOf[t] = _pages.IdOf(references[t].Page);
        }

        var nextUse = new int[references.Length];
        var following = new int[_pages.Count];
        Array.Fill(following, int.MaxValue);
        for (var t = references.Length - 1; t >= 0; t--)
        {
            nextUse[t] = following[idOf[t]];
            following[idOf[t]] = t;
        }

        var heap = new ReplayOptimalHeap(_pages.Count);
        for (var start = 0; start < references.Length; start += TraceLoader.ChunkReferences)
        {
            var end = Math.Min(references.Length, start + TraceLoader.ChunkReferences);
            watch.Start();
            ReplayKnowingTheFuture(references, start, end, idOf, nextUse, heap);
            watch.Stop();
            progress?.Invoke(end, _input.ReferenceCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReplayKnowingTheFuture(TraceReference[] references, int start, int end, int[] idOf, int[] nextUse, ReplayOptimalHeap heap)
    {
        var tlb = _tlb;
        var dirty = tlb.Dirty;
        var policy = new OptimalReplayPolicy(heap);
        var caching = tlb.Enabled;
        var lastPage = _lastPage;
        var lastWritable = _lastWritable;
        long hits = 0;
        for (var t = start; t < end; t++)
        {
            var page = references[t].Page;
            var write = references[t].Kind == AccessKind.Write;
            if (page == lastPage && (lastWritable || !write))
            {
                hits++;
            }
            else
            {
                var slot = tlb.Find(page);
                if (slot >= 0 && (!write || dirty[slot]))
                {
                    hits++;
                    tlb.Touch(slot);
                    lastWritable = dirty[slot];
                }
                else
                {
                    policy.NextUse = nextUse[t];
                    Miss(page, write, slot, ref policy);
                    lastWritable = _lastWritable;
                }

                lastPage = caching ? page : ReplayTlb.Empty;
            }

            // The end of a run of touches of this page: its key becomes the next use after this reference.
            if (t + 1 == references.Length || references[t + 1].Page != page)
            {
                heap.Rekey(idOf[t], nextUse[t]);
            }
        }

        _hits += hits;
        _lastPage = lastPage;
        _lastWritable = lastWritable;
    }

    // A TLB miss (slot: the page's own entry, refused for a write because it is clean, or −1): the walk, and when
    // the page is not resident the fault, then the walk of the retried access.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int Miss<TPolicy>(ulong page, bool write, int slot, ref TPolicy policy)
        where TPolicy : struct, IReplayPolicy
    {
        _misses++;
        var id = _pages.IdOf(page);
        if (_state[id] != Resident)
        {
            // The walk stops at the first entry not present (no TLB entry can cache a page that is not resident).
            _walkReads += WalkDepth(page, id);
            Fault(page, id, ref policy);
            _misses++;
        }

        _walkReads += _levels;
        _pteDirty[id] |= write;
        // A page not resident has no entry, and evicting another cannot give it one: slot still says where it goes.
        _tlb.Fill(page, id, _pteDirty[id], slot);
        _lastWritable = _pteDirty[id];
        return id;
    }

    // handle_mm_fault for a page of the trace: do_anonymous_page or do_swap_page, after reclaim when the budget is full.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fault<TPolicy>(ulong page, int id, ref TPolicy policy)
        where TPolicy : struct, IReplayPolicy
    {
        if (_resident >= _limit)
        {
            var victim = policy.ChooseVictim();
            _state[victim] = Swapped;
            _resident--;
            _evictions++;
            _invalidations++;
            _tlb.Drop(_pages.PageOf[victim]);
        }

        if (_state[id] == Untouched)
        {
            _minor++;
            AllocateTables(page);
        }
        else
        {
            _major++;
            _invalidations++;
        }

        _state[id] = Resident;
        _pteDirty[id] = false;
        _resident++;
        policy.Loaded(id);
    }

    // Entries a walk reads before it finds one not present: a page in swap has its tables; an untouched page's
    // walk stops at the first level whose table is missing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int WalkDepth(ulong page, int id) =>
        _state[id] == Swapped || _pteTables.Contains(page >> 9) ? _levels
        : _pmdTables.Contains(page >> 18) ? 3
        : _pudTables.Contains(page >> 27) ? 2
        : 1;

    // The tables on the way to a first-touched page, allocated as the kernel's TryMapPage does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AllocateTables(ulong page)
    {
        _tablesAllocated += (_pudTables.Add(page >> 27) ? 1 : 0) + (_pmdTables.Add(page >> 18) ? 1 : 0)
            + (_pteTables.Add(page >> 9) ? 1 : 0);
    }

    // The tables the kernel already built (none below the root in a fresh process, but the kernel decides).
    private void NoteTablesBuilt(Machine.MachineState machine, IReadOnlyList<TraceRegion> regions)
    {
        var root = machine.Mmu.Cr3;
        foreach (var region in regions)
        {
            for (var chunk = region.FirstPage >> 9; chunk <= region.LastPage >> 9; chunk++)
            {
                var page = chunk << 9;
                var below = machine.Tables.TableFrames(root, page << 12).Count - 1;
                if (below >= 1)
                {
                    _pudTables.Add(page >> 27);
                }

                if (below >= 2)
                {
                    _pmdTables.Add(page >> 18);
                }

                if (below >= 3)
                {
                    _pteTables.Add(page >> 9);
                }
            }
        }
    }

    // OPT as the replay drives it: loaded with the next use of the reference that faulted it in.
    private struct OptimalReplayPolicy(ReplayOptimalHeap heap) : IReplayPolicy
    {
        public int NextUse;

        public readonly void Loaded(int id) => heap.Loaded(id, NextUse);

        public readonly void Accessed(int id)
        {
        }

        public readonly int ChooseVictim() => heap.RemoveFurthest();
    }
}
