using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using WorkloadParser = VmQuest.Engine.Kernel.Workloads.WorkloadParser;
using WorkloadRunner = VmQuest.Engine.Kernel.Workloads.WorkloadRunner;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Decisions;

/// <summary>A player who has not decided yet until told to: each answer is taken once.</summary>
internal sealed class ScriptedPlayer : IKernelDecisions
{
    public ulong? Frame { get; set; }

    public ulong? Victim { get; set; }

    public VmaPermissions? Permissions { get; set; }

    public int Asked { get; private set; }

    public ulong? ChooseFrame(KernelCore kernel, int pid, ulong va)
    {
        Asked++;
        return Take(() => Frame, () => Frame = null);
    }

    public ulong? ChooseVictim(KernelCore kernel, int pid, ulong va)
    {
        Asked++;
        return Take(() => Victim, () => Victim = null);
    }

    public VmaPermissions? ChoosePermissions(KernelCore kernel, int pid, ulong length, VmaPermissions requested)
    {
        Asked++;
        var answer = Permissions;
        Permissions = null;
        return answer;
    }

    private static ulong? Take(Func<ulong?> get, Action clear)
    {
        var answer = get();
        clear();
        return answer;
    }
}

public class KernelDecisionsTests
{
    [Fact]
    public void Fault_FrameNotChosenYet_WaitsChangingNothingThenUsesThePlayersFrame()
    {
        var player = new ScriptedPlayer();
        var kernel = NewKernel(options: new KernelOptions { Decisions = player });
        var pid = kernel.CreateProcess("p");
        player.Permissions = VmaPermissions.ReadWrite;
        kernel.Mmap(pid, HeapLike, Page, VmaPermissions.ReadWrite, MapFlags.Fixed);
        kernel.SwitchTo(pid);
        var freeBefore = kernel.Machine.Frames.FreeCount;

        var waiting = kernel.Access(pid, HeapLike, AccessKind.Write, 5);

        Assert.Equal(AccessStatus.Waiting, waiting.Status);
        Assert.Equal(freeBefore, kernel.Machine.Frames.FreeCount);
        KernelInvariants.Check(kernel);

        player.Frame = 0x300;
        var done = kernel.Access(pid, HeapLike, AccessKind.Write, 5);

        Assert.True(done.Completed);
        Assert.Equal(0x300UL << 12, done.PhysicalAddress & ~0xfffUL);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fault_MemoryFull_ThePlayersVictimIsTheOneEvicted()
    {
        var player = new ScriptedPlayer { Permissions = VmaPermissions.ReadWrite };
        var kernel = NewKernel(options: new KernelOptions { Decisions = player, DataFrameLimit = 2 });
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, 4 * Page, VmaPermissions.ReadWrite, MapFlags.Fixed);
        kernel.SwitchTo(pid);
        player.Frame = IKernelDecisions.KernelDefault;
        kernel.Access(pid, HeapLike, AccessKind.Write, 1);
        player.Frame = IKernelDecisions.KernelDefault;
        kernel.Access(pid, HeapLike + Page, AccessKind.Write, 2);
        var second = kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(pid).Root, HeapLike + Page)!.Value.Frame;

        Assert.Equal(AccessStatus.Waiting, kernel.Access(pid, HeapLike + (2 * Page), AccessKind.Write, 3).Status);
        player.Victim = second;
        player.Frame = IKernelDecisions.KernelDefault;
        Assert.True(kernel.Access(pid, HeapLike + (2 * Page), AccessKind.Write, 3).Completed);

        Assert.Null(kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(pid).Root, HeapLike + Page));
        Assert.NotNull(kernel.Machine.Tables.FindLeaf(kernel.MemoryOf(pid).Root, HeapLike));
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Fault_PlayerPicksAFrameInUse_Throws()
    {
        var player = new ScriptedPlayer { Permissions = VmaPermissions.ReadWrite };
        var kernel = NewKernel(options: new KernelOptions { Decisions = player });
        var pid = kernel.CreateProcess("p");
        kernel.Mmap(pid, HeapLike, Page, VmaPermissions.ReadWrite, MapFlags.Fixed);
        kernel.SwitchTo(pid);
        player.Frame = kernel.MemoryOf(pid).Root >> 12;

        Assert.Throws<InvalidOperationException>(() => kernel.Access(pid, HeapLike, AccessKind.Write, 1));
    }

    [Fact]
    public void Mmap_PermissionsPending_EagainThenThePlayersPermissionsApply()
    {
        var player = new ScriptedPlayer();
        var kernel = NewKernel(options: new KernelOptions { Decisions = player });
        var pid = kernel.CreateProcess("p");

        Assert.Equal(Errno.EAGAIN, kernel.Mmap(pid, HeapLike, Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Error);
        Assert.Equal(0, kernel.MmOf(pid).Vmas.Count);

        player.Permissions = VmaPermissions.Read;
        Assert.True(kernel.Mmap(pid, HeapLike, Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
        Assert.Equal(VmaPermissions.Read, kernel.MmOf(pid).Vmas.Find(HeapLike)!.Value.Permissions);
    }

    [Fact]
    public void WorkloadRunner_AccessWaitingForTheFrame_RetriesTheSameAccessLater()
    {
        var player = new ScriptedPlayer();
        var kernel = NewKernel(options: new KernelOptions { Decisions = player });
        var runner = new WorkloadRunner(kernel);
        runner.Spawn(WorkloadParser.Parse("write heap - 8 = 9\nread heap - 8\nexit 0\n", "p.vmw"));

        var first = runner.Step();
        Assert.Equal(AccessStatus.Waiting, first!.Value.Access!.Value.Status);
        player.Frame = IKernelDecisions.KernelDefault;
        var retried = runner.Step();

        Assert.Equal(first.Value.Action, retried!.Value.Action);
        Assert.True(retried.Value.Access!.Value.Completed);
        player.Frame = IKernelDecisions.KernelDefault;
        Assert.Equal(9UL, runner.Step()!.Value.Access!.Value.Value);
    }
}
