using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
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
        var runs = from policy in Gen.Elements("fifo", "lru", "clock", "random")
                   from limit in Gen.Choose(2, 12)
                   from pcid in Gen.Elements(true, false)
                   from ops in Gen.ListOf(op)
                   select (policy, limit, pcid, ops: ops.ToArray());

        Prop.ForAll(runs.ToArbitrary(), run => Run(run.policy, run.limit, run.pcid, run.ops))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(80));
    }

    private static bool Run(string policy, int limit, bool pcid, Op[] ops)
    {
        var kernel = NewKernel(memoryBytes: 2UL << 20, options: new KernelOptions { ReplacementPolicy = policy, DataFrameLimit = limit, Seed = 7 }, pcid: pcid);
        var first = NewProcessWithMapping(kernel, pages: Pages);
        kernel.MmOf(first).StartBrk = kernel.MmOf(first).Brk = HeapLike + (Pages * Page);
        var views = new Dictionary<int, Dictionary<ulong, ulong>> { [first] = [] };

        foreach (var op in ops)
        {
            Apply(kernel, views, op);
            KernelInvariants.Check(kernel);
        }

        return true;
    }

    private static void Apply(KernelCore kernel, Dictionary<int, Dictionary<ulong, ulong>> views, Op op)
    {
        var live = kernel.Pids.Where(p => kernel.MemoryOf(p).Mm is not null && kernel.Info(p).State != ProcessState.Zombie).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var pid = live[op.Process % live.Count];
        // Two slots per page, so a copy-on-write triggered through one slot must carry the other one's value.
        var va = HeapLike + ((ulong)op.Page * Page) + 8 + (8 * ((ulong)op.Value % 2));
        var runnable = kernel.Info(pid).State != ProcessState.Suspended;
        switch (op.Kind)
        {
            case OpKind.Read or OpKind.Write when runnable:
                kernel.SwitchTo(pid);
                var result = kernel.Access(pid, va, op.Kind == OpKind.Write ? AccessKind.Write : AccessKind.Read, (ulong)op.Value);
                if (result.Completed && op.Kind == OpKind.Write)
                {
                    views[pid][va] = (ulong)op.Value;
                }
                else if (result.Completed && views[pid].TryGetValue(va, out var expected) && IsPrivate(kernel, pid, va))
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
                views[child] = new Dictionary<ulong, ulong>(views[pid]);
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
                kernel.Mmap(pid, HeapLike + ((ulong)op.Page * Page), (ulong)op.Length * Page, VmaPermissions.ReadWrite, flags);
                Forget(views[pid], op);
                break;
            case OpKind.Munmap:
                kernel.Munmap(pid, HeapLike + ((ulong)op.Page * Page), (ulong)op.Length * Page);
                Forget(views[pid], op);
                break;
            case OpKind.Mprotect:
                kernel.Mprotect(pid, HeapLike + ((ulong)op.Page * Page), (ulong)op.Length * Page, (VmaPermissions)(op.Value % 4));
                break;
            case OpKind.Brk:
                var mm = kernel.MmOf(pid);
                kernel.Brk(pid, mm.StartBrk + ((ulong)(op.Value % 6) * Page));
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

    private static void Forget(Dictionary<ulong, ulong> view, Op op)
    {
        for (var page = op.Page; page < op.Page + op.Length; page++)
        {
            view.Remove(HeapLike + ((ulong)page * Page) + 8);
            view.Remove(HeapLike + ((ulong)page * Page) + 16);
        }
    }
}
