using System.Diagnostics;
using System.Runtime.CompilerServices;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// One process on a fresh x86-64 kernel, set up to replay a trace with demand paging: the trace's regions are
/// mapped (anonymous, private) before the first reference, physical memory is sized to hold the frame budget
/// plus the page tables the trace can need, and swap has a slot for every page.
/// </summary>
/// <remarks>
/// The replay loop translates through <see cref="Machine.Mmu"/> directly and enters the kernel only on a fault
/// (<see cref="KernelCore.HandleFault"/>, then the translation is retried, as the CPU restarts the instruction).
/// Each completed reference is reported with <see cref="KernelCore.NoteAccess"/>, so LRU, Clock and OPT see
/// every access exactly as through <see cref="KernelCore.Access"/>; what is skipped is only what a trace cannot
/// supply anyway — the data value read or written. That bookkeeping is the price of exact LRU: FIFO and Random
/// would not need it, but one loop for all policies keeps their fault counts comparable.
/// </remarks>
public sealed class TraceReplaySession
{
    // As KernelCore.Access: a retry can legitimately fault again (a swap-in after its page was evicted to make
    // room for its own copy); still no page after this many handled faults is a kernel bug.
    private const int MaxRetries = 16;
    private readonly int _pageShift;
    private readonly TraceFuture? _future;

    /// <summary>Builds the kernel and process for <paramref name="input"/> under <paramref name="options"/>.</summary>
    public TraceReplaySession(TraceInput input, TraceReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Frames is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the frame limit must be at least 1");
        }

        Input = input;
        var machine = BuiltinMachines.Load("x86-64").WithImage(null);
        _pageShift = machine.PageShift;
        var data = Math.Max(1, Math.Min(options.Frames ?? long.MaxValue, input.DistinctPages));
        var frames = data + TableBudget(machine, input) + (2 * machine.Levels.Count) + 64;
        machine = machine.WithPhysicalMemory((ulong)frames << _pageShift);
        if (options.TlbEntries is { } entries)
        {
            machine = machine.WithTlb(machine.Tlb with { Entries = entries, Ways = TlbWays(entries) });
        }

        var policy = options.Policy.ToLowerInvariant();
        _future = policy == "opt" ? new TraceFuture(input.References, _pageShift) : null;
        Kernel = new KernelCore(machine, new KernelOptions
        {
            ReplacementPolicy = policy,
            DataFrameLimit = options.Frames,
            SwapSlots = options.Frames is null ? 16 : checked((int)input.DistinctPages + 16),
            Seed = options.Seed,
            Future = _future,
            PublishEvents = options.PublishEvents,

            // The textbook model of replacement exercises: every referenced page occupies a frame, reads included.
            ZeroPage = false,
        });
        _future?.Bind(Kernel.Frames);
        Pid = Kernel.CreateProcess(Path.GetFileName(input.Source));
        foreach (var region in input.Regions)
        {
            var start = region.FirstPage << _pageShift;
            var length = (region.LastPage - region.FirstPage + 1) << _pageShift;
            var permissions = region.Executable ? VmaPermissions.ReadWrite | VmaPermissions.Execute : VmaPermissions.ReadWrite;
            // NORESERVE: the replay makes these regions up (a reference string's spans all its page numbers); the
            // program never asked for them, so no commit charge may refuse them.
            var mapped = Kernel.Mmap(Pid, start, length, permissions, MapFlags.Fixed | MapFlags.Private | MapFlags.NoReserve);
            if (!mapped.Succeeded)
            {
                throw new InvalidOperationException($"cannot map the trace's pages at 0x{start:x} (+0x{length:x}): {mapped.Error}");
            }
        }

        Kernel.SwitchTo(Pid);
    }

    /// <summary>The trace being replayed.</summary>
    public TraceInput Input { get; }

    /// <summary>The kernel the trace runs on.</summary>
    public KernelCore Kernel { get; }

    /// <summary>The replaying process.</summary>
    public int Pid { get; }

    /// <summary>Replays the whole input once, timing the loop alone, and reports the totals.</summary>
    public TraceReplayResult Run() => Run(null);

    /// <summary>
    /// Replays the whole input once, timing the loop alone (reading a streamed trace's next chunk is not timed),
    /// and reports the totals; <paramref name="progress"/> hears (references replayed, references in all) after
    /// each chunk of <see cref="TraceLoader.ChunkReferences"/>.
    /// </summary>
    public TraceReplayResult Run(Action<long, long>? progress)
    {
        var total = Input.ReferenceCount;
        var watch = new Stopwatch();
        if (_future is { } future)
        {
            // OPT keeps the whole trace: its next-use table is as long, and its loop looks one reference ahead.
            var references = Input.References;
            for (var start = 0; start < references.Length; start += TraceLoader.ChunkReferences)
            {
                var end = Math.Min(references.Length, start + TraceLoader.ChunkReferences);
                watch.Start();
                ReplayKnowingTheFuture(references, start, end, future);
                watch.Stop();
                progress?.Invoke(end, total);
            }
        }
        else
        {
            using var reader = Input.OpenReferences();
            var chunk = new TraceReference[TraceLoader.ChunkReferences];
            long done = 0;
            int read;
            while ((read = reader.Read(chunk)) > 0)
            {
                watch.Start();
                Replay(chunk.AsSpan(0, read));
                watch.Stop();
                done += read;
                progress?.Invoke(done, total);
            }
        }

        var counters = Kernel.Counters;
        var mmu = Kernel.Machine.Mmu;
        return new TraceReplayResult(Input.Accesses, total, Input.DistinctPages, counters.Faults,
            counters.MinorFaults, counters.MajorFaults, counters.Evictions, mmu.TlbHits, mmu.TlbMisses,
            Kernel.PageTableFrames, Kernel.Machine.Clock.Cycles, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The replay loop: each reference is translated; a fault goes to the kernel and the translation is retried.
    /// Allocation-free on the TLB-hit path. Not for OPT (use <see cref="Run()"/>, which tells the oracle the time).
    /// Replaying a trace in consecutive chunks gives the same results as in one call: the first reference of a
    /// chunk is reported even when it repeats the page just touched, which changes nothing but the access count,
    /// and that is counted either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // The hot loop: compiled optimised at once, never timed as tier-0 code.
    public void Replay(ReadOnlySpan<TraceReference> references)
    {
        var kernel = Kernel;
        var mmu = kernel.Machine.Mmu;
        var shift = _pageShift;
        var lastFrame = ulong.MaxValue;
        long repeats = 0;
        foreach (ref readonly var reference in references)
        {
            var va = reference.Page << shift;
            var translation = mmu.Translate(va, reference.Kind, PrivilegeLevel.User);
            ulong frame;
            if (translation.IsOk)
            {
                frame = translation.PhysicalAddress >> shift;
                // Another touch of the page just touched, with no fault between, changes nothing for FIFO, LRU
                // (already most recent), Clock (bit already set) or Random; only the access count grows.
                if (frame == lastFrame)
                {
                    repeats++;
                    continue;
                }
            }
            else
            {
                frame = Fault(va, reference.Kind, translation.ErrorCode) >> shift;
            }

            kernel.NoteAccess(frame);
            lastFrame = frame;
        }

        kernel.Counters.Accesses += repeats;
    }

    // OPT's loop: the oracle is told the time before each reference. OPT keys a page by its next use, which
    // every touch changes, but only the key after the last touch of a run of touches of one page matters — no
    // fault (and so no eviction) can happen inside the run — so the policy hears once per run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReplayKnowingTheFuture(TraceReference[] references, int start, int end, TraceFuture future)
    {
        var kernel = Kernel;
        var mmu = kernel.Machine.Mmu;
        var shift = _pageShift;
        for (var t = start; t < end; t++)
        {
            future.At(t);
            var reference = references[t];
            var va = reference.Page << shift;
            var translation = mmu.Translate(va, reference.Kind, PrivilegeLevel.User);
            if (translation.IsOk && t + 1 < references.Length && references[t + 1].Page == reference.Page)
            {
                kernel.Counters.Accesses++;
                continue;
            }

            var pa = translation.IsOk ? translation.PhysicalAddress : Fault(va, reference.Kind, translation.ErrorCode);
            kernel.NoteAccess(pa >> shift);
        }
    }

    // The slow path, as KernelCore.Access runs it: raise, handle, retry. The regions cover every page, so a
    // SIGSEGV or an out-of-memory here is a bug, not bad input.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ulong Fault(ulong va, AccessKind kind, PageFaultErrorCode errorCode)
    {
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            if (Kernel.Options.PublishEvents)
            {
                Kernel.World.Events<PageFaultRaised>().Send(new PageFaultRaised(Pid, va, kind, errorCode));
            }

            var outcome = Kernel.HandleFault(Pid, va, kind);
            if (Kernel.Options.PublishEvents)
            {
                // One fault, one tick: the queues are read by whoever watches and then dropped, never piling up.
                Kernel.World.EndTick();
            }
            if (outcome.IsSegv() || outcome is FaultOutcome.OutOfMemory or FaultOutcome.AwaitingDecision)
            {
                throw new InvalidOperationException($"replay of {Input.Source}: the fault at 0x{va:x} ended in {outcome}");
            }

            var retried = Kernel.Machine.Mmu.Translate(va, kind, PrivilegeLevel.User);
            if (retried.IsOk)
            {
                return retried.PhysicalAddress;
            }

            errorCode = retried.ErrorCode;
        }

        throw new InvalidOperationException($"replay of {Input.Source}: the access at 0x{va:x} kept faulting");
    }

    // An upper bound on the page-table pages the trace can need: per level, the tables its regions span, but
    // never more than one per distinct page; plus the root.
    private static long TableBudget(MachineDescription machine, TraceInput input)
    {
        long total = 1;
        var shift = 0;
        for (var level = machine.Levels.Count - 1; level >= 1; level--)
        {
            shift += machine.Levels[level].IndexBits;
            long spanned = 0;
            foreach (var region in input.Regions)
            {
                spanned += (long)((region.LastPage >> shift) - (region.FirstPage >> shift) + 1);
            }

            total += Math.Min(spanned, input.DistinctPages);
        }

        return total;
    }

    // Four ways when that makes a power-of-two number of sets, else fully associative.
    private static int TlbWays(int entries) =>
        entries == 0 ? 1 : entries % 4 == 0 && ulong.IsPow2((ulong)(entries / 4)) ? 4 : entries;
}
