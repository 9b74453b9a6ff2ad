using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>Issue 8: simulated exhaustion is answered as Linux answers it, never by an exception out of the kernel.</summary>
public class OutOfMemoryTests
{
    // 24 frames of x86-64, two swap slots: a few dozen touched pages exhaust memory and swap.
    private static KernelCore Tiny(int? limit = null, int maxProcesses = KernelOptions.DefaultMaxProcesses) =>
        NewKernel(memoryBytes: 24 * Page, options: new KernelOptions { SwapSlots = 3, DataFrameLimit = limit, MaxProcesses = maxProcesses });

    private static int Touch(KernelCore kernel, int pid, int pages)
    {
        kernel.SwitchTo(pid);
        var touched = 0;
        for (var p = 0; p < pages && kernel.Info(pid).State != ProcessState.Zombie; p++)
        {
            touched += kernel.Access(pid, HeapLike + ((ulong)p * Page), AccessKind.Write, 1).Completed ? 1 : 0;
        }

        return touched;
    }

    [Fact]
    public void HandleFault_NoFrameAndNothingToReclaim_OomKillerKillsTheLargestNotTheFirst_Issue8()
    {
        var kernel = Tiny();
        var init = NewProcessWithMapping(kernel, pages: 20);
        Touch(kernel, init, 2);
        var hog = kernel.CreateProcess("hog");
        Assert.True(kernel.Mmap(hog, HeapLike, 20 * Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);

        // The hog fills memory and swap; its own next fault finds it the largest, so it is the one killed.
        Touch(kernel, hog, 20);

        Assert.Equal(ProcessState.Zombie, kernel.Info(hog).State);
        Assert.True(kernel.Info(hog).OomKilled);
        Assert.Equal(KernelCore.SigKill, kernel.Info(hog).KilledBy);
        Assert.NotEqual(ProcessState.Zombie, kernel.Info(init).State);
        Assert.True(kernel.Counters.OomKills >= 1);
        KernelInvariants.Check(kernel);

        // With the hog's memory back, init runs on.
        Assert.Equal(4, Touch(kernel, init, 4));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void HandleFault_AnotherProcessIsLarger_ThatOneIsKilledAndTheFaultSucceeds_Issue8()
    {
        var kernel = Tiny();
        var init = NewProcessWithMapping(kernel, pages: 20);
        var hog = kernel.CreateProcess("hog");
        Assert.True(kernel.Mmap(hog, HeapLike, 20 * Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        var small = kernel.CreateProcess("small");
        Assert.True(kernel.Mmap(small, HeapLike, 20 * Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        Touch(kernel, small, 1);
        Touch(kernel, hog, 9);

        // small needs frames that only killing someone can give: the OOM killer picks the hog, not small or init.
        Assert.Equal(12, Touch(kernel, small, 12));

        Assert.True(kernel.Info(hog).OomKilled);
        Assert.False(kernel.Info(small).OomKilled);
        Assert.NotEqual(ProcessState.Zombie, kernel.Info(init).State);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_AtTheProcessLimit_FailsWithEagainAndChangesNothing_Issue8()
    {
        var kernel = Tiny(maxProcesses: 3);
        var parent = NewProcessWithMapping(kernel, pages: 4);
        Assert.True(kernel.TryFork(parent).Succeeded);
        Assert.True(kernel.TryFork(parent).Succeeded);

        var refused = kernel.TryFork(parent);

        Assert.Equal(Errno.EAGAIN, refused.Error);
        Assert.Equal(-1, kernel.Fork(parent));
        Assert.Equal(3, kernel.Pids.Count);
        Assert.Equal(2, kernel.Counters.ForkFailures);
        Assert.Equal(-1, kernel.CreateProcess("more"));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void ForkAndCreateProcess_MemoryFullOfPageTables_FailWithEnomemNeverThrow_Issue8()
    {
        var kernel = NewKernel(memoryBytes: 16 * Page, options: new KernelOptions { SwapSlots = 2 });
        var pids = new List<int>();
        SyscallResult created;
        while ((created = kernel.TryCreateProcess("p")).Succeeded)
        {
            pids.Add((int)created.Value);
        }

        Assert.Equal(Errno.ENOMEM, created.Error);
        Assert.Equal(16, pids.Count);
        Assert.Equal(Errno.ENOMEM, kernel.TryFork(pids[0]).Error);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_ChildTablesDoNotFit_Enomem_Issue8()
    {
        var kernel = NewKernel(memoryBytes: 12 * Page, options: new KernelOptions { SwapSlots = 2 });
        var parent = NewProcessWithMapping(kernel, pages: 4);
        Touch(kernel, parent, 1);
        while (kernel.TryCreateProcess("filler").Succeeded)
        {
        }

        Assert.Equal(Errno.ENOMEM, kernel.TryFork(parent).Error);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Mmap_PrivateWritableLargerThanRamPlusSwap_Enomem_Issue8()
    {
        var kernel = Tiny();
        var pid = kernel.CreateProcess("p");

        Assert.Equal(Errno.ENOMEM, kernel.Mmap(pid, 0, 1UL << 40, VmaPermissions.ReadWrite, MapFlags.Private).Error);
        Assert.True(kernel.Mmap(pid, 0, 1UL << 40, VmaPermissions.Read, MapFlags.Private).Succeeded);
        var brk = kernel.MmOf(pid).Brk;
        Assert.Equal(brk, kernel.Brk(pid, brk + (1UL << 40)).Value);
    }

    [Fact]
    public void Kernel_OstepMultilevelWithMoreFramesThanItsPtesName_ReservesTheRestAndKeepsMapCounts_Issue8()
    {
        // 4096 frames, but a 7-bit PFN names only 128: frame 156 used to be written as frame 28.
        var machine = BuiltinMachines.Load("ostep-multilevel").WithImage(null).WithPhysicalMemory(4096 * 32);
        var kernel = new KernelCore(machine, new KernelOptions { SwapSlots = 1 << 20 });
        Assert.Equal(128UL, KernelCore.AddressableFrames(machine));
        Assert.True(kernel.ReservedFrames >= 4096 - 128);

        var parent = kernel.CreateProcess("p");
        Assert.True(kernel.Mmap(parent, 64 * 32, 512 * 32, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        kernel.SwitchTo(parent);
        for (ulong p = 0; p < 200; p++)
        {
            kernel.Access(parent, (64 + p) * 32, AccessKind.Write, p, 8);
        }

        Assert.NotEqual(ProcessState.Zombie, kernel.Info(parent).State);
        var child = kernel.Fork(parent);
        KernelInvariants.Check(kernel);
        if (child > 0)
        {
            kernel.Exit(child, 0);
        }

        kernel.Exit(parent, 0);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_MachineWithoutWritableBit_CopiesPrivatePagesSoWritesStayPrivate_Issue8()
    {
        var kernel = new KernelCore(BuiltinMachines.Load("ostep-multilevel").WithImage(null));
        var parent = kernel.CreateProcess("p");
        Assert.True(kernel.Mmap(parent, 0x1000, 4 * 32, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        kernel.SwitchTo(parent);
        kernel.Access(parent, 0x1000, AccessKind.Write, 1, 8);

        var child = kernel.Fork(parent);
        kernel.SwitchTo(child);
        kernel.Access(child, 0x1000, AccessKind.Write, 2, 8);
        kernel.SwitchTo(parent);

        Assert.Equal(1UL, kernel.Access(parent, 0x1000, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fork_MachineWithoutWritableBit_ReadOnlyPageMadeWritableLater_StaysPrivate_Issue8()
    {
        // Found by the property test on ostep-linear: a page shared read-only at fork became writable by mprotect,
        // and the hardware (a valid bit only) let the child's write reach the parent's frame.
        var kernel = new KernelCore(BuiltinMachines.Load("ostep-linear").WithImage(null));
        var parent = kernel.CreateProcess("p");
        Assert.True(kernel.Mmap(parent, 0x1000, 0x1000, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        kernel.SwitchTo(parent);
        kernel.Access(parent, 0x1010, AccessKind.Write, 1, 8);
        Assert.True(kernel.Mprotect(parent, 0x1000, 0x1000, VmaPermissions.Read).Succeeded);

        var child = kernel.Fork(parent);
        Assert.True(kernel.Mprotect(child, 0x1000, 0x1000, VmaPermissions.ReadWrite).Succeeded);
        kernel.SwitchTo(child);
        kernel.Access(child, 0x1010, AccessKind.Write, 2, 8);
        kernel.SwitchTo(parent);

        Assert.Equal(1UL, kernel.Access(parent, 0x1010, AccessKind.Read).Value);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void HandleFault_PageWhollyPastTheEndOfTheFile_Sigbus_TailOfLastPageReadsZeros_Issue8()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. Enumerable.Repeat((byte)7, 100)]);
            var kernel = NewKernel();
            var pid = kernel.CreateProcess("p");
            var mapped = kernel.Mmap(pid, 0, 2 * Page, VmaPermissions.Read, MapFlags.Private, path);
            kernel.SwitchTo(pid);

            Assert.Equal(7UL, kernel.Access(pid, mapped.Value + 99, AccessKind.Read, width: 1).Value);
            Assert.Equal(0UL, kernel.Access(pid, mapped.Value + 200, AccessKind.Read, width: 1).Value);
            var past = kernel.Access(pid, mapped.Value + Page, AccessKind.Read, width: 1);

            Assert.Equal(AccessStatus.Killed, past.Status);
            Assert.Equal(FaultOutcome.SigBusPastEndOfFile, past.Fault);
            Assert.Equal(KernelCore.SigBus, kernel.Info(pid).KilledBy);
            Assert.Equal(1, kernel.Counters.BusErrors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
