using VmQuest.Engine.Ecs;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Entities;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Engine.Machine.Entities;

public class MemoryAccessTranslateSystemTests
{
    [Fact]
    public void Run_Requests_SendsStepsCompletionsAndFaults()
    {
        var world = new World();
        var state = MachineState.Boot(BuiltinMachines.Load("x86-64").WithImage(null));
        state.Frames.Reserve(0);
        world.SetResource(state);
        var root = state.Tables.CreateRoot();
        var space = world.Create(new AddressSpace { Root = root, Pcid = 3 });
        state.Tables.Map(root, 0x400000, 0x400, PteBits.User);
        var schedule = SimulationSchedule.Build(new MachineModule());

        world.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(space, 0x400123, AccessKind.Read, PrivilegeLevel.User));
        world.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(space, 0x400123, AccessKind.Write, PrivilegeLevel.User));
        world.Events<MemoryAccessRequested>().Send(new MemoryAccessRequested(space, 0x800000, AccessKind.Read, PrivilegeLevel.User));
        schedule.RunPhase(world, SimulationPhases.Simulate);

        Assert.Equal(4 + 4 + 3, world.Events<WalkStepped>().Count);  // full walk, write-protect walk, PMD not present
        var done = Assert.Single(world.Events<MemoryAccessCompleted>().Read().ToArray());
        Assert.Equal(0x400123UL, done.Translation.PhysicalAddress);
        var faults = world.Events<PageFaultRaised>().Read().ToArray();
        Assert.Equal([FaultKind.WriteProtect, FaultKind.NotPresent], faults.Select(f => f.Kind));
        Assert.Equal(PageFaultErrorCode.Present | PageFaultErrorCode.Write | PageFaultErrorCode.User, faults[0].ErrorCode);
        Assert.Equal(2, faults[1].Level);
        Assert.Equal((ushort)3, state.Mmu.Pcid);
    }

    [Fact]
    public void Build_WithMachineModule_RunsTranslationInSimulate()
    {
        var lines = SimulationSchedule.Build(new MachineModule()).Describe();

        Assert.Contains("Simulate: MemoryAccessTranslateSystem", lines);
    }
}
