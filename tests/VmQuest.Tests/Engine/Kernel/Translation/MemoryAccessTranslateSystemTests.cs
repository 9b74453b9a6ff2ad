using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Translation;

public class MemoryAccessTranslateSystemTests
{
    [Fact]
    public void Run_FaultingRequest_FaultRaisedHandledAndRetriedInTheSameTick()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.World.SetResource(kernel);
        kernel.World.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(kernel.EntityOf(pid), HeapLike, AccessKind.Write));

        new MemoryAccessTranslateSystem().Run(kernel.World);

        Assert.Single(kernel.World.Events<PageFaultRaised>().Read().ToArray());
        Assert.True(kernel.World.Events<WalkStepped>().Count >= kernel.Machine.Description.Levels.Count);
        var served = Assert.Single(kernel.World.Events<MemoryAccessServed>().Read().ToArray());
        Assert.Equal(AccessStatus.Completed, served.Result.Status);
        Assert.Equal(FaultOutcome.DemandZero, served.Result.Fault);
        Assert.Equal(1, kernel.Frames.DataFrames);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Run_RequestOfAnotherProcess_LoadsItsRootAndPcidFirst()
    {
        var kernel = NewKernel(pcid: true);
        NewProcessWithMapping(kernel);
        var other = kernel.CreateProcess("other");
        Assert.True(kernel.Mmap(other, HeapLike, Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        kernel.World.SetResource(kernel);
        kernel.World.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(kernel.EntityOf(other), HeapLike, AccessKind.Read));

        new MemoryAccessTranslateSystem().Run(kernel.World);

        Assert.Equal(other, kernel.CurrentPid);
        Assert.Equal(kernel.MemoryOf(other).Root, kernel.Machine.Mmu.Cr3);
        Assert.Equal(kernel.MemoryOf(other).Pcid, kernel.Machine.Mmu.Pcid);
        Assert.True(Assert.Single(kernel.World.Events<MemoryAccessServed>().Read().ToArray()).Result.Completed);
    }

    [Fact]
    public void Run_RequestOfExitedProcess_IsDropped()
    {
        var kernel = NewKernel();
        var pid = NewProcessWithMapping(kernel);
        kernel.Exit(pid, 0);
        kernel.World.SetResource(kernel);
        kernel.World.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(kernel.EntityOf(pid), HeapLike, AccessKind.Read));

        new MemoryAccessTranslateSystem().Run(kernel.World);

        Assert.Equal(0, kernel.World.Events<MemoryAccessServed>().Count);
    }

    [Fact]
    public void Run_RequestOfBlockedProcess_IsDroppedAndItStaysBlocked()
    {
        var kernel = NewKernel();
        NewProcessWithMapping(kernel);
        var other = kernel.CreateProcess("other");
        kernel.Info(other).State = ProcessState.Blocked;
        kernel.World.SetResource(kernel);
        kernel.World.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(kernel.EntityOf(other), HeapLike, AccessKind.Read));

        new MemoryAccessTranslateSystem().Run(kernel.World);

        Assert.Equal(0, kernel.World.Events<MemoryAccessServed>().Count);
        Assert.Equal(ProcessState.Blocked, kernel.Info(other).State);
    }

    [Fact]
    public void Run_NoKernelInTheWorld_DoesNothing()
    {
        var world = new World();
        world.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(Entity.Null, 0, AccessKind.Read));

        new MemoryAccessTranslateSystem().Run(world);

        Assert.Equal(0, world.Events<MemoryAccessServed>().Count);
    }
}
