using VmQuest.Engine.Kernel.Scheduling;

namespace VmQuest.Tests.Engine.Kernel.Scheduling;

public class DynamicAsidsTests
{
    [Fact]
    public void Choose_FirstUserMm_TakesSlotOneAndFlushesIt()
    {
        var asids = new DynamicAsids();

        var asid = asids.Choose(contextId: 2, pid: 1, out bool needFlush, out int evicted);

        Assert.Equal((1, true, 0), (asid, needFlush, evicted));
        Assert.Equal(2, DynamicAsids.PcidOf(asid));
        Assert.Equal(0, asids.Find(DynamicAsids.InitMmContextId));
    }

    [Fact]
    public void Choose_MmThatKeptItsSlot_ReusesItWithoutAFlush()
    {
        var asids = new DynamicAsids();
        var first = asids.Choose(2, 1, out _, out _);
        asids.Choose(3, 2, out _, out _);

        var again = asids.Choose(2, 1, out bool needFlush, out int evicted);

        Assert.Equal((first, false, 0), (again, needFlush, evicted));
    }

    [Fact]
    public void Choose_SeventhMm_WrapsRoundRobinToSlotZeroAndTheFirstMmLosesItsSlotNext()
    {
        var asids = new DynamicAsids();
        for (int pid = 1; pid <= 5; pid++)
        {
            Assert.Equal(pid, asids.Choose((ulong)pid + 1, pid, out _, out _));
        }

        // Slots 1-5 are taken; next_asid wraps to 0 (init_mm's), then 1 again: pid 1's mm is gone from the CPU.
        Assert.Equal(0, asids.Choose(7, 6, out bool flush6, out int evicted6));
        Assert.Equal(1, asids.Choose(8, 7, out bool flush7, out int evicted7));

        Assert.Equal((true, 0, true, 1), (flush6, evicted6, flush7, evicted7));
        Assert.Equal(-1, asids.Find(2));
        Assert.Equal(7, asids.OwnerOf(1));
    }
}
