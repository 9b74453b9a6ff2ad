using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class RaisedFaultLedgerTests
{
    [Fact]
    public void Mark_ThenIsHandled_OnlyThatIndexOfThatTick()
    {
        var ledger = new RaisedFaultLedger();

        ledger.Mark(4, 2);

        Assert.True(ledger.IsHandled(4, 2));
        Assert.False(ledger.IsHandled(4, 1));
        Assert.False(ledger.IsHandled(4, 3));
        Assert.False(ledger.IsHandled(5, 2));
    }

    [Fact]
    public void Mark_InANewTick_ForgetsTheOldOne()
    {
        var ledger = new RaisedFaultLedger();
        ledger.Mark(1, 0);
        ledger.Mark(1, 40);

        ledger.Mark(2, 3);

        Assert.False(ledger.IsHandled(2, 0));
        Assert.False(ledger.IsHandled(2, 40));
        Assert.True(ledger.IsHandled(2, 3));
    }

    [Fact]
    public void ClaimLatest_TheFaultJustRaised_MarksIt_AnotherFault_DoesNot()
    {
        var world = new World(1);
        var ledger = new RaisedFaultLedger();
        world.Events<PageFaultRaised>().Send(new PageFaultRaised(1, 0x1000, AccessKind.Read, PageFaultErrorCode.User));
        world.Events<PageFaultRaised>().Send(new PageFaultRaised(1, 0x2000, AccessKind.Write, PageFaultErrorCode.User));

        ledger.ClaimLatest(world, 1, 0x1000, AccessKind.Read);
        Assert.False(ledger.IsHandled(world.Tick, 0));
        Assert.False(ledger.IsHandled(world.Tick, 1));

        ledger.ClaimLatest(world, 1, 0x2000, AccessKind.Write);
        Assert.True(ledger.IsHandled(world.Tick, 1));
        Assert.False(ledger.IsHandled(world.Tick, 0));
    }
}
