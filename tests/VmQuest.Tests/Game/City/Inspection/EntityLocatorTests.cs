using VmQuest.City.Inspection;
using VmQuest.City.Simulation;
using VmQuest.Engine.Ecs.Inspection;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Processes;
using VmQuest.Engine.Kernel.Ptes;

namespace VmQuest.Tests.Game.City.Inspection;

public class EntityLocatorTests
{
    private static readonly SandboxScenario Scenario = new(new SandboxSettings { Frames = 96, Processes = 3 });

    private static EntityLookup Find(string what)
    {
        Assert.True(InspectTarget.TryParse(what, out var target));
        return new EntityLocator(Scenario.Kernel).Find(target);
    }

    [Fact]
    public void Find_Pid_IsTheKernelsProcessEntity()
    {
        var pid = Scenario.Kernel.Pids[0];
        var lookup = Find($"pid {pid}");

        Assert.True(lookup.Found);
        Assert.Equal(Scenario.Kernel.EntityOf(pid), lookup.Entity);
        var report = EntityInspector.Inspect(Scenario.Kernel.World, lookup.Entity);
        Assert.Contains(report.Components, c => c.Name == nameof(ProcessInfo) && c.Fields.Contains(new FieldReport("Pid", $"{pid}")));
    }

    [Fact]
    public void Find_RawEntityId_IsAnyLiveEntity()
    {
        var process = Scenario.Kernel.EntityOf(Scenario.Kernel.Pids[0]);
        var lookup = Find($"entity {process.Id}");

        Assert.True(lookup.Found);
        Assert.Equal(process, lookup.Entity);
    }

    [Theory]
    [InlineData("pid 999", "no process has pid 999")]
    [InlineData("frame 96", "frames 0 to 95")]
    [InlineData("vma 999 0x1000", "pid 999 has no address space")]
    [InlineData("pte 1 0x0", "has no VMA at 0x0")]
    [InlineData("entity 999999", "no live entity has id 999999")]
    public void Find_SomethingTheKernelDoesNotHave_SaysWhatIsWrong(string what, string problem)
    {
        var lookup = Find(what);

        Assert.False(lookup.Found);
        Assert.Contains(problem, lookup.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_FrameVmaAndPteOfAResidentPage_AreTheKernelsEntitiesWithTheirComponents()
    {
        var kernel = Scenario.Kernel;
        var frame = Enumerable.Range(0, kernel.Frames.Count).Select(f => (ulong)f)
            .First(f => kernel.Frames.UseOf(f) == FrameUse.Anonymous && kernel.Exists(kernel.Frames.OwnerOf(f)));
        var pid = kernel.Frames.OwnerOf(frame);
        var va = kernel.Frames.VirtualAddressOf(frame);

        var frameLookup = Find($"frame {frame}");
        var vmaLookup = Find($"vma {pid} 0x{va:x}");
        var pteLookup = Find($"pte {pid} 0x{va:x}");

        Assert.True(frameLookup.Found, frameLookup.Problem);
        Assert.Equal(kernel.FrameEntity(frame), frameLookup.Entity);
        Assert.Contains(ComponentsOf(frameLookup), c => c.Name == nameof(FrameState) && c.Fields.Contains(new FieldReport("MapCount", $"{kernel.Frames.MapCountOf(frame)}")));
        Assert.True(vmaLookup.Found, vmaLookup.Problem);
        Assert.Equal(kernel.VmaEntityAt(pid, va), vmaLookup.Entity);
        Assert.Contains(ComponentsOf(vmaLookup), c => c.Name == nameof(VmaRange));
        Assert.True(pteLookup.Found, pteLookup.Problem);
        Assert.Equal(kernel.PteEntityAt(pid, va), pteLookup.Entity);
        Assert.True(kernel.World.TryGet<PteLocation>(pteLookup.Entity, out var location));
        Assert.Equal(va, location.VirtualPage);
    }

    private static IReadOnlyList<ComponentReport> ComponentsOf(EntityLookup lookup) =>
        EntityInspector.Inspect(Scenario.Kernel.World, lookup.Entity).Components;

    [Fact]
    public void Lines_NotFound_OneLineNamingTheTarget()
    {
        var lines = InspectionText.Lines(Scenario.Kernel.World, Find("pid 999"));

        Assert.Equal("pid 999: no process has pid 999", Assert.Single(lines));
    }
}
