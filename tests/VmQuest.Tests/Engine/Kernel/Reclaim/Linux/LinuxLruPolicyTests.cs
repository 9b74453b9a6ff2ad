using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Kernel.Reclaim.Linux;
using static VmQuest.Engine.Kernel.Reclaim.Linux.LinuxLruPolicy;

namespace VmQuest.Tests.Engine.Kernel.Reclaim.Linux;

public class LinuxLruPolicyTests
{
    // What the kernel would answer: which frames hold file pages, how many young PTEs each has, which are executable.
    private sealed class FakePages : IPageReferences
    {
        public HashSet<int> File { get; } = [];

        public HashSet<int> Executable { get; } = [];

        public Dictionary<int, int> Young { get; } = [];

        public HashSet<int> Dirty { get; } = [];

        public bool CanSwap { get; set; } = true;

        public bool IsFile(int frame) => File.Contains(frame);

        public bool IsDirty(int frame) => Dirty.Contains(frame);

        public int Referenced(int frame, out bool executable)
        {
            executable = Executable.Contains(frame);
            var young = Young.GetValueOrDefault(frame);
            Young.Remove(frame);
            return young;
        }
    }

    private static (LinuxLruPolicy Policy, FakePages Pages) WithFakePages(int capacity = 16)
    {
        var pages = new FakePages();
        return (new LinuxLruPolicy(capacity, 12, pages, new VmStat()), pages);
    }

    [Fact]
    public void Loaded_NewAnonymousAndFilePages_StartOnTheirInactiveLists()
    {
        var (policy, pages) = WithFakePages();
        pages.File.Add(1);

        policy.Loaded(0);
        policy.Loaded(1);

        Assert.Equal((LruList?)LruList.InactiveAnon, policy.ListOf(0));
        Assert.Equal((LruList?)LruList.InactiveFile, policy.ListOf(1));
        Assert.False(policy.IsReferenced(0));
    }

    [Fact]
    public void CheckReferences_YoungOnce_KeptAndMarkedReferenced()
    {
        var (policy, pages) = WithFakePages();
        policy.Loaded(0);
        pages.Young[0] = 1;

        Assert.Equal(FolioReferences.Keep, policy.CheckReferences(0));
        Assert.True(policy.IsReferenced(0));
    }

    [Fact]
    public void CheckReferences_YoungAgainWhileMarked_Activates()
    {
        var (policy, pages) = WithFakePages();
        policy.Loaded(0);
        pages.Young[0] = 1;
        policy.CheckReferences(0);
        pages.Young[0] = 1;

        Assert.Equal(FolioReferences.Activate, policy.CheckReferences(0));
    }

    [Fact]
    public void CheckReferences_YoungInTwoPtes_ActivatesAtOnce()
    {
        var (policy, pages) = WithFakePages();
        policy.Loaded(0);
        pages.Young[0] = 2;

        Assert.Equal(FolioReferences.Activate, policy.CheckReferences(0));
    }

    [Fact]
    public void CheckReferences_ExecutableFileTextYoungOnce_Activates()
    {
        var (policy, pages) = WithFakePages();
        pages.File.Add(0);
        pages.Executable.Add(0);
        policy.Loaded(0);
        pages.Young[0] = 1;

        Assert.Equal(FolioReferences.Activate, policy.CheckReferences(0));
    }

    [Fact]
    public void CheckReferences_NotYoungButMarked_FileReclaimCleanAnonymousReclaim()
    {
        var (policy, pages) = WithFakePages();
        pages.File.Add(1);
        policy.Loaded(0);
        policy.Loaded(1);
        pages.Young[0] = pages.Young[1] = 1;
        policy.CheckReferences(0);
        policy.CheckReferences(1);

        Assert.Equal(FolioReferences.Reclaim, policy.CheckReferences(0));
        Assert.Equal(FolioReferences.ReclaimClean, policy.CheckReferences(1));
        Assert.False(policy.IsReferenced(0));
    }

    [Fact]
    public void ChooseVictim_TailPageUnreferenced_IsTheVictim()
    {
        var (policy, pages) = WithFakePages();
        policy.Loaded(0);
        policy.Loaded(1);
        pages.Young[1] = 1;

        Assert.Equal(0, policy.ChooseVictim());
        Assert.Equal(1, policy.Stat.PgscanDirect);
        Assert.Null(policy.ListOf(0));
    }

    [Fact]
    public void ChooseVictim_YoungTailPage_SecondChanceThenTheNextOneGoes()
    {
        var (policy, pages) = WithFakePages();
        policy.Loaded(0);
        policy.Loaded(1);
        pages.Young[0] = 1;

        Assert.Equal(1, policy.ChooseVictim());
        Assert.Equal((LruList?)LruList.InactiveAnon, policy.ListOf(0));
        Assert.True(policy.IsReferenced(0));
    }

    [Fact]
    public void ChooseVictim_PageUsedAgainAfterItsSecondChance_ActivatedAndPassedOver()
    {
        var (policy, pages) = WithFakePages();
        for (var f = 0; f < 3; f++)
        {
            policy.Loaded(f);
            pages.Young[f] = 1; // the instantiating fault's reference
        }

        Assert.Equal(0, policy.ChooseVictim()); // each kept once (marked), then the oldest goes
        pages.Young[1] = 1;
        policy.Loaded(3);

        Assert.Equal(2, policy.ChooseVictim());
        Assert.Equal((LruList?)LruList.ActiveAnon, policy.ListOf(1));
        Assert.Equal(1, policy.Stat.Pgactivate);
    }

    [Fact]
    public void ChooseVictim_InactiveListBelowTheActive_DeactivatesFromTheActiveTail()
    {
        var (policy, pages) = WithFakePages();
        for (var f = 0; f < 5; f++)
        {
            policy.Loaded(f);
            pages.Young[f] = 2; // young in two PTEs: activated at the first look
        }

        // 0, 1, 2 are activated; then the inactive list (2) is below the active one (3): inactive_is_low with the ratio
        // 1 of lists under a GiB, so all three go back (their young bits already cleared). 3 and 4 are activated, and 0,
        // marked referenced when it was activated but not young since, is the victim.
        Assert.Equal(0, policy.ChooseVictim());
        Assert.Equal((5L, 3L, 3L), (policy.Stat.Pgactivate, policy.Stat.Pgdeactivate, policy.Stat.Pgrefill));
        Assert.Equal(2, policy.Count(LruList.ActiveAnon));
        Assert.False(policy.InactiveIsLow(LruList.InactiveAnon));
    }

    [Fact]
    public void ShrinkActiveList_YoungExecutableFileRotatesTheRestDeactivate()
    {
        var (policy, pages) = WithFakePages();
        for (var f = 0; f < 8; f++)
        {
            pages.File.Add(f);
            policy.Loaded(f);
        }

        pages.Young[0] = pages.Young[1] = 2;
        Assert.Equal(2, policy.ChooseVictim()); // 0 and 1 activated on the way
        Assert.Equal(2, policy.Count(LruList.ActiveFile));

        pages.Executable.Add(0);
        pages.Young[0] = pages.Young[1] = 1;
        policy.ShrinkActiveList(LruList.ActiveFile, LinuxLruPolicy.SwapClusterMax);

        Assert.Equal((LruList?)LruList.ActiveFile, policy.ListOf(0));
        Assert.Equal((LruList?)LruList.InactiveFile, policy.ListOf(1));
        Assert.Equal((2L, 1L), (policy.Stat.Pgrefill, policy.Stat.Pgdeactivate));
    }

    [Fact]
    public void ChooseVictim_DirtyFilePageInDirectReclaim_MarkedAndActivatedTheCleanOneGoes()
    {
        var (policy, pages) = WithFakePages();
        pages.File.UnionWith([0, 1]);
        pages.Dirty.Add(0);
        policy.Loaded(0);
        policy.Loaded(1);

        Assert.Equal(1, policy.ChooseVictim());
        Assert.True(policy.IsMarkedForReclaim(0));
        Assert.Equal((LruList?)LruList.ActiveFile, policy.ListOf(0));
        Assert.Equal(1, policy.Stat.NrVmscanImmediateReclaim);
    }

    [Fact]
    public void ChooseVictim_DirtyFilePageInKswapd_ReclaimedAtOnce()
    {
        var (policy, pages) = WithFakePages();
        pages.File.UnionWith([0, 1]);
        pages.Dirty.Add(0);
        policy.Loaded(0);
        policy.Loaded(1);
        policy.Stat.InKswapd = true;

        Assert.Equal(0, policy.ChooseVictim());
        Assert.Equal(1, policy.Stat.PgscanKswapd);
    }

    [Fact]
    public void ChooseVictim_SwapFull_TakesFilePagesOnly()
    {
        var (policy, pages) = WithFakePages();
        pages.File.Add(1);
        policy.Loaded(0);
        policy.Loaded(1);
        pages.CanSwap = false;

        Assert.Equal(1, policy.ChooseVictim());
    }

    [Fact]
    public void ChooseVictim_BothKindsInactive_ScansFileAndAnonymousAsSwappinessWeighs()
    {
        var (policy, pages) = WithFakePages(capacity: 40);
        for (var f = 0; f < 40; f++)
        {
            if (f % 2 == 1)
            {
                pages.File.Add(f);
            }

            policy.Loaded(f);
        }

        var file = 0;
        for (var i = 0; i < 10; i++)
        {
            file += pages.IsFile(policy.ChooseVictim()) ? 1 : 0;
        }

        Assert.Equal(7, file); // 140 : 60 with lists of equal size
    }

    [Fact]
    public void Standalone_ReferenceString_EveryVictimWasResident()
    {
        var result = ReferenceStringReplay.Run([1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5], 3, "linux");

        Assert.Equal(12, result.Outcomes.Count);
        Assert.InRange(result.Faults, 7, 12);
        Assert.Equal("linux", ReplacementPolicies.Create("linux", 3, new VmQuest.Engine.Ecs.DeterministicRandom(0)).Name);
    }
}
