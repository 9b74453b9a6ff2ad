using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// DESIGN.md §4's invariants over transparent huge pages: random reads, writes, madvise (hugepage, nohugepage,
/// dontneed), mprotect, munmap, fork, exit, wait, evictions and suspends on a 4 MiB madvised mapping keep every
/// kernel invariant after every step (map counts over PMD leaves included), and a memory model checks that each
/// process reads what it last wrote — so a split, a copy or a swap-out never loses or moves a page.
/// </summary>
public class HugePagePropertyTests
{
    private enum OpKind
    {
        Read,
        Write,
        Advise,
        Protect,
        Unmap,
        DontNeed,
        Fork,
        Exit,
        Wait,
        Evict,
        Suspend,
    }

    private sealed record Op(OpKind Kind, int Process, int Page, int Length, int Value);

    private const int Pages = 1024;   // 4 MiB: two huge pages

    [Fact]
    public void RandomOperationsOnHugePages_KeepEveryInvariantAndEveryValue()
    {
        // Pages cluster at a few places (both halves' starts, their ends, a boundary) so splits meet accesses.
        var page = Gen.OneOf(Gen.Choose(0, Pages - 1), Gen.Elements(0, 1, 5, 511, 512, 513, 700, 1023));
        var op = from kind in Gen.Frequency(
                     (8, Gen.Constant(OpKind.Read)), (10, Gen.Constant(OpKind.Write)), (2, Gen.Constant(OpKind.Advise)),
                     (2, Gen.Constant(OpKind.Protect)), (1, Gen.Constant(OpKind.Unmap)), (1, Gen.Constant(OpKind.DontNeed)),
                     (2, Gen.Constant(OpKind.Fork)), (1, Gen.Constant(OpKind.Exit)), (1, Gen.Constant(OpKind.Wait)),
                     (2, Gen.Constant(OpKind.Evict)), (1, Gen.Constant(OpKind.Suspend)))
                 from process in Gen.Choose(0, 3)
                 from at in page
                 from length in Gen.OneOf(Gen.Choose(1, 4), Gen.Constant(512))
                 from value in Gen.Choose(1, 1_000_000)
                 select new Op(kind, process, at, length, value);
        var runs = from memory in Gen.Elements(12, 16, 24)
                   from ops in Gen.ListOf(op)
                   select (memory, ops: ops.ToArray());

        Prop.ForAll(runs.ToArbitrary(), run => Run(run.memory, run.ops))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150).WithEndSize(60));
    }

    [Fact]
    public void DontNeedOverAHole_DropsTheMappedPagesThenFails()
    {
        // The case the property once found (its model kept the value because the call failed): unmap two pages,
        // write into the first huge page, then MADV_DONTNEED from page 511 across the hole.
        var kernel = NewKernel(16UL << 20, new KernelOptions { SwapSlots = 4096 });
        var pid = NewProcessWithMapping(kernel, Pages);
        Assert.True(kernel.Madvise(pid, HeapLike, Pages * Page, MadviseAdvice.HugePage).Succeeded);
        Assert.True(kernel.Munmap(pid, HeapLike + (798 * Page), 2 * Page).Succeeded);
        kernel.SwitchTo(pid);
        Assert.True(kernel.Access(pid, HeapLike + (513 * Page), AccessKind.Write, 42).Completed);

        var advised = kernel.Madvise(pid, HeapLike + (511 * Page), 512 * Page, MadviseAdvice.DontNeed);

        Assert.Equal(Errno.ENOMEM, advised.Error);
        Assert.Equal(0UL, kernel.Access(pid, HeapLike + (513 * Page), AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    private static void Run(int megabytes, Op[] ops)
    {
        var kernel = NewKernel((ulong)megabytes << 20, new KernelOptions { SwapSlots = 4096 });
        var first = NewProcessWithMapping(kernel, Pages);
        Assert.True(kernel.Madvise(first, HeapLike, Pages * Page, MadviseAdvice.HugePage).Succeeded);
        var views = new Dictionary<int, Dictionary<ulong, ulong>> { [first] = [] };
        foreach (var op in ops)
        {
            Step(kernel, views, op);
            KernelInvariants.Check(kernel);
        }
    }

    private static void Step(KernelCore kernel, Dictionary<int, Dictionary<ulong, ulong>> views, Op op)
    {
        var live = kernel.Pids.Where(p => kernel.MemoryOf(p).Mm is not null).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var pid = live[op.Process % live.Count];
        var va = HeapLike + ((ulong)op.Page * Page);
        var length = (ulong)Math.Min(op.Length, Pages - op.Page) * Page;
        var view = views[pid];
        var runnable = kernel.Info(pid).State != ProcessState.Suspended;
        switch (op.Kind)
        {
            case OpKind.Read when runnable:
                kernel.SwitchTo(pid);
                var read = kernel.Access(pid, va, AccessKind.Read);
                if (read.Completed)
                {
                    Assert.Equal(view.GetValueOrDefault(va), read.Value);
                }

                break;
            case OpKind.Write when runnable:
                kernel.SwitchTo(pid);
                if (kernel.Access(pid, va, AccessKind.Write, (ulong)op.Value).Completed)
                {
                    view[va] = (ulong)op.Value;
                }

                break;
            case OpKind.Advise:
                var advice = op.Value % 3 == 0 ? MadviseAdvice.NoHugePage : MadviseAdvice.HugePage;
                kernel.Madvise(pid, va, length, advice);
                break;
            case OpKind.Protect:
                var perms = op.Value % 2 == 0 ? VmaPermissions.Read : VmaPermissions.ReadWrite;
                kernel.Mprotect(pid, va, length, perms);
                break;
            case OpKind.Unmap:
                if (kernel.Munmap(pid, va, length).Succeeded)
                {
                    Forget(view, va, length);
                }

                break;
            case OpKind.DontNeed:
                // As Linux's madvise_walk_vmas, a range with a hole drops the pages of every VMA in it and only then
                // fails with ENOMEM: the values are gone either way (the range is page-aligned, so no EINVAL).
                kernel.Madvise(pid, va, length, MadviseAdvice.DontNeed);
                Forget(view, va, length);

                break;
            case OpKind.Fork when runnable:
                var forked = kernel.TryFork(pid);
                if (forked.Succeeded)
                {
                    views[(int)forked.Value] = new Dictionary<ulong, ulong>(view);
                }

                break;
            case OpKind.Exit when live.Count > 1:
                kernel.Exit(pid, 0);
                break;
            case OpKind.Wait:
                kernel.Wait(pid);
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
        }
    }

    private static void Forget(Dictionary<ulong, ulong> view, ulong va, ulong length)
    {
        foreach (var key in view.Keys.Where(k => k >= va && k < va + length).ToList())
        {
            view.Remove(key);
        }
    }
}
