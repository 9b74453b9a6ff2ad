using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// DESIGN.md §4: random sequences of fork / exec / mmap / munmap / mprotect / brk / exit / wait / accesses /
/// context switches / evictions / suspends keep every kernel invariant after every step. A memory model also
/// checks contents: each process's view of its private pages is what it last wrote there (fork copies the view).
/// </summary>
public class KernelInvariantPropertyTests
{
    private enum OpKind
    {
        Read,
        Write,
        Fork,
        Exit,
        Wait,
        Mmap,
        Munmap,
        Mprotect,
        Brk,
        Switch,
        Evict,
        Suspend,
        Exec,
    }

    private sealed record Op(OpKind Kind, int Process, int Page, int Length, int Value);

    private const int Pages = 8;

    [Fact]
    public void RandomOperations_KeepEveryInvariantAfterEveryStep()
    {
        var op = from kind in Gen.Frequency(
                     (6, Gen.Constant(OpKind.Read)), (8, Gen.Constant(OpKind.Write)), (2, Gen.Constant(OpKind.Fork)),
                     (1, Gen.Constant(OpKind.Exit)), (1, Gen.Constant(OpKind.Wait)), (2, Gen.Constant(OpKind.Mmap)),
                     (1, Gen.Constant(OpKind.Munmap)), (2, Gen.Constant(OpKind.Mprotect)), (1, Gen.Constant(OpKind.Brk)),
                     (3, Gen.Constant(OpKind.Switch)), (2, Gen.Constant(OpKind.Evict)), (1, Gen.Constant(OpKind.Suspend)),
                     (1, Gen.Constant(OpKind.Exec)))
                 from process in Gen.Choose(0, 7)
                 from page in Gen.Choose(0, Pages - 1)
                 from length in Gen.Choose(1, 4)
                 from value in Gen.Choose(1, 1_000_000)
                 select new Op(kind, process, page, length, value);
        var runs = from policy in Gen.Elements("fifo", "lru", "clock", "random", "linux")
                   from limit in Gen.Choose(2, 12)
                   from pcid in Gen.Elements(true, false)
                   from ops in Gen.ListOf(op)
                   select (policy, limit, pcid, ops: ops.ToArray());

        Prop.ForAll(runs.ToArbitrary(), run => Run(run.policy, run.limit, run.pcid, run.ops))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(80));
    }

    /// <summary>
    /// Issue 8: the same random operations on every kind of machine — x86-64, i386, Sv39 and the OSTEP teaching
    /// machines (1-byte PTEs with only a valid bit: no writable, COW or swap bit) — with memory so small, and swap so
    /// short, that page tables, fork and faults run out of frames: the kernel answers with reclaim, the OOM killer,
    /// ENOMEM and EAGAIN, never an exception, and every invariant holds after every step.
    /// </summary>
    [Fact]
    public void RandomOperations_EveryMachineUnderExhaustion_NeverThrowAndKeepInvariants_Issue8()
    {
        var op = from kind in Gen.Frequency(
                     (6, Gen.Constant(OpKind.Read)), (8, Gen.Constant(OpKind.Write)), (3, Gen.Constant(OpKind.Fork)),
                     (1, Gen.Constant(OpKind.Exit)), (1, Gen.Constant(OpKind.Wait)), (2, Gen.Constant(OpKind.Mmap)),
                     (1, Gen.Constant(OpKind.Munmap)), (1, Gen.Constant(OpKind.Mprotect)), (3, Gen.Constant(OpKind.Switch)),
                     (1, Gen.Constant(OpKind.Evict)))
                 from process in Gen.Choose(0, 7)
                 from page in Gen.Choose(0, Pages - 1)
                 from length in Gen.Choose(1, 4)
                 from value in Gen.Choose(1, 1_000_000)
                 select new Op(kind, process, page, length, value);
        var runs = from machine in Gen.Elements("x86-64", "i386", "riscv-sv39", "ostep-multilevel", "ostep-linear")
                   from frames in Gen.Choose(12, 48)
                   from swap in Gen.Choose(2, 24)
                   from limit in Gen.Elements<int?>(null, null, 3, 6)
                   from policy in Gen.Elements("lru", "linux")
                   from ops in Gen.ListOf(op)
                   select (machine, frames, swap, limit, policy, ops: ops.ToArray());

        long oomKills = 0, refusedForks = 0, evictions = 0;
        Prop.ForAll(runs.ToArbitrary(), run =>
            {
                var description = BuiltinMachines.Load(run.machine).WithImage(null);
                description = description.WithPhysicalMemory((ulong)run.frames * description.PageSize);
                var kernel = new KernelCore(description, new KernelOptions { ReplacementPolicy = run.policy, DataFrameLimit = run.limit, SwapSlots = run.swap, Seed = 3, MaxProcesses = 6 });
                // ostep-linear's whole address space is 4 pages of 4 KiB, the first below mmap_min_addr.
                var layout = run.machine switch
                {
                    "ostep-linear" => new Layout(description.PageSize, 0x1000, 3),
                    "ostep-multilevel" => new Layout(description.PageSize, 0x1000, Pages),
                    _ => new Layout(description.PageSize, HeapLike, Pages),
                };
                var held = RunOn(kernel, layout, run.ops, checkValues: true);
                (oomKills, refusedForks, evictions) = (oomKills + kernel.Counters.OomKills, refusedForks + kernel.Counters.ForkFailures, evictions + kernel.Counters.Evictions);
                return held;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(80));

        // The runs did reach exhaustion: the OOM killer, refused forks and reclaim all happened.
        Assert.True(oomKills > 0 && refusedForks > 0 && evictions > 0, $"{oomKills} OOM kills, {refusedForks} refused forks, {evictions} evictions");
    }

    /// <summary>Where the random operations work: the page size and the base of their mapping.</summary>
    private sealed record Layout(ulong Page, ulong Base, int Pages);

    private static bool Run(string policy, int limit, bool pcid, Op[] ops)
    {
        var kernel = NewKernel(memoryBytes: 2UL << 20, options: new KernelOptions { ReplacementPolicy = policy, DataFrameLimit = limit, Seed = 7 }, pcid: pcid);
        return RunOn(kernel, new Layout(Page, HeapLike, Pages), ops, checkValues: true);
    }

    private static bool RunOn(KernelCore kernel, Layout layout, Op[] ops, bool checkValues)
    {
        var first = kernel.CreateProcess("test");
        Assert.True(kernel.Mmap(first, layout.Base, (ulong)layout.Pages * layout.Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        kernel.SwitchTo(first);
        kernel.MmOf(first).StartBrk = kernel.MmOf(first).Brk = layout.Base + ((ulong)layout.Pages * layout.Page);
        var views = new Dictionary<int, Dictionary<ulong, ulong>> { [first] = [] };

        foreach (var op in ops)
        {
            Apply(kernel, views, op, layout, checkValues);
            KernelInvariants.Check(kernel);

            // kswapd's turn, as the schedule gives it after a tick (nothing unless the linux policy woke it).
            kernel.RunKswapd();
            KernelInvariants.Check(kernel);
        }

        return true;
    }

    private static void Apply(KernelCore kernel, Dictionary<int, Dictionary<ulong, ulong>> views, Op op, Layout layout, bool checkValues)
    {
        var page = layout.Page;
        var baseAddress = layout.Base;
        if (layout.Pages < Pages)
        {
            // A tiny address space: keep every range inside it.
            op = op with { Page = op.Page % layout.Pages, Length = Math.Min(op.Length, layout.Pages - (op.Page % layout.Pages)) };
        }
        var live = kernel.Pids.Where(p => kernel.MemoryOf(p).Mm is not null && kernel.Info(p).State != ProcessState.Zombie).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var pid = live[op.Process % live.Count];
        // Two slots per page, so a copy-on-write triggered through one slot must carry the other one's value.
        var va = baseAddress + ((ulong)op.Page * page) + 8 + (8 * ((ulong)op.Value % 2) % (page - 16));
        var runnable = kernel.Info(pid).State != ProcessState.Suspended;
        switch (op.Kind)
        {
            case OpKind.Read or OpKind.Write when runnable:
                kernel.SwitchTo(pid);
                var result = kernel.Access(pid, va, op.Kind == OpKind.Write ? AccessKind.Write : AccessKind.Read, (ulong)op.Value);
                if (result.Completed && op.Kind == OpKind.Write && views.TryGetValue(pid, out var view))
                {
                    view[va] = (ulong)op.Value;
                }
                else if (checkValues && result.Completed && views.TryGetValue(pid, out var seen) && seen.TryGetValue(va, out var expected) && IsPrivate(kernel, pid, va))
                {
                    Assert.Equal(expected, result.Value);
                }

                if (!result.Completed)
                {
                    views.Remove(pid);
                }

                break;
            case OpKind.Fork when runnable && live.Count < 8:
                var child = kernel.Fork(pid);
                if (child > 0)
                {
                    views[child] = new Dictionary<ulong, ulong>(views.GetValueOrDefault(pid) ?? []);
                }

                break;
            case OpKind.Exit:
                kernel.Exit(pid, op.Value % 256);
                views.Remove(pid);
                break;
            case OpKind.Wait:
                kernel.Wait(pid);
                break;
            case OpKind.Mmap:
                var flags = MapFlags.Fixed | (op.Value % 3 == 0 ? MapFlags.Shared : MapFlags.Private);
                kernel.Mmap(pid, baseAddress + ((ulong)op.Page * page), (ulong)op.Length * page, VmaPermissions.ReadWrite, flags);
                Forget(views.GetValueOrDefault(pid) ?? [], op, layout);
                break;
            case OpKind.Munmap:
                kernel.Munmap(pid, baseAddress + ((ulong)op.Page * page), (ulong)op.Length * page);
                Forget(views.GetValueOrDefault(pid) ?? [], op, layout);
                break;
            case OpKind.Mprotect:
                kernel.Mprotect(pid, baseAddress + ((ulong)op.Page * page), (ulong)op.Length * page, (VmaPermissions)(op.Value % 4));
                break;
            case OpKind.Brk:
                var mm = kernel.MmOf(pid);
                kernel.Brk(pid, mm.StartBrk + ((ulong)(op.Value % 6) * page));
                break;
            case OpKind.Switch when runnable:
                kernel.SwitchTo(pid);
                break;
            case OpKind.Evict:
                kernel.EvictOne();
                break;
            case OpKind.Suspend when op.Value % 2 == 0:
                kernel.Suspend(pid);
                break;
            case OpKind.Suspend:
                kernel.Resume(pid);
                break;
            case OpKind.Exec when runnable && op.Value % 4 == 0:
                kernel.Exec(pid, "/bin/true", ["true"], []);
                views[pid] = [];
                break;
        }
    }

    // Shared mappings legitimately change under a process (another sharer wrote), so only private pages are compared.
    private static bool IsPrivate(KernelCore kernel, int pid, ulong va) => kernel.MmOf(pid).Vmas.Find(va) is { Shared: false };

    private static void Forget(Dictionary<ulong, ulong> view, Op op, Layout layout)
    {
        for (var page = op.Page; page < op.Page + op.Length; page++)
        {
            view.Remove(layout.Base + ((ulong)page * layout.Page) + 8);
            view.Remove(layout.Base + ((ulong)page * layout.Page) + 16);
        }
    }
}
