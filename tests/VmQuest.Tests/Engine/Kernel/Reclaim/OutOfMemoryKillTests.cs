using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Reclaim;

public class OutOfMemoryKillTests
{
    private static (KernelCore Kernel, int Init, int Small, int Large) ThreeProcesses()
    {
        var kernel = NewKernel();
        var init = NewProcessWithMapping(kernel);
        var small = kernel.CreateProcess("small");
        var large = kernel.CreateProcess("large");
        foreach (var (pid, pages) in new[] { (small, 2), (large, 5) })
        {
            Assert.True(kernel.Mmap(pid, HeapLike, 8 * Page, VmaPermissions.ReadWrite, MapFlags.Fixed).Succeeded);
            kernel.SwitchTo(pid);
            for (var p = 0; p < pages; p++)
            {
                Assert.True(kernel.Access(pid, HeapLike + ((ulong)p * Page), AccessKind.Write, 1).Completed);
            }
        }

        return (kernel, init, small, large);
    }

    [Fact]
    public void ChooseVictim_HighestBadnessWinsAndInitIsPassedOver()
    {
        var (kernel, _, _, large) = ThreeProcesses();

        Assert.Equal(large, OutOfMemoryKill.ChooseVictim(kernel, out var badness));
        Assert.True(badness >= 5);
    }

    [Fact]
    public void Run_KillsTheVictimWithSigKillAndTellsTheRequesterItSurvived()
    {
        var (kernel, _, small, large) = ThreeProcesses();

        Assert.True(OutOfMemoryKill.Run(kernel, small));

        Assert.Equal(ProcessState.Zombie, kernel.Info(large).State);
        Assert.True(kernel.Info(large).OomKilled);
        Assert.Equal(KernelCore.SigKill, kernel.Info(large).KilledBy);
        Assert.Equal(1, kernel.Counters.OomKills);
        Assert.Equal(large, kernel.World.Events<OomKilled>().Read()[^1].Pid);
        KernelInvariants.Check(kernel);
    }

    [Fact]
    public void Run_RequesterIsTheVictim_ReturnsFalse()
    {
        var (kernel, _, _, large) = ThreeProcesses();

        Assert.False(OutOfMemoryKill.Run(kernel, large));
    }

    [Fact]
    public void ChooseVictim_OnlyInitLeft_ChoosesInit()
    {
        var kernel = NewKernel();
        var init = NewProcessWithMapping(kernel);

        Assert.Equal(init, OutOfMemoryKill.ChooseVictim(kernel, out _));
    }
}
