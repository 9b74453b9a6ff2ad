using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Tests.Engine.Kernel.Reclaim;

public class ClockPolicyTests
{
    [Fact]
    public void ChooseVictim_HandFollowsLoadOrderNotFrameNumbers()
    {
        var clock = new ClockPolicy(3);
        clock.Loaded(0);
        clock.Loaded(1);
        clock.Loaded(2);
        clock.Removed(0); // page in frame 0 unmapped…
        clock.Loaded(0);  // …and a new page loaded into frame 0: it is now the *newest* on the circle.

        // Every page is referenced, so the sweep clears 1, 2, 0 and comes back to 1, the oldest load.
        // A hand sweeping frame numbers would have chosen frame 0.
        Assert.Equal(1, clock.ChooseVictim());
        Assert.Equal(2, clock.Hand);
    }

    [Fact]
    public void ChooseVictim_UnreferencedPageAfterHand_ChosenWithoutClearingOthers()
    {
        var clock = new ClockPolicy(3);
        clock.Loaded(0);
        clock.Loaded(1);
        clock.Loaded(2);
        Assert.Equal(0, clock.ChooseVictim()); // all bits set: full sweep clears them, 0 goes

        clock.Loaded(0);
        clock.Accessed(1);
        Assert.Equal(2, clock.ChooseVictim()); // hand at 1: referenced, spared; 2 is not referenced
        Assert.True(clock.IsReferenced(0));
        Assert.False(clock.IsReferenced(1));
    }

    [Fact]
    public void ChooseVictim_Empty_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new ClockPolicy(2).ChooseVictim());
}
