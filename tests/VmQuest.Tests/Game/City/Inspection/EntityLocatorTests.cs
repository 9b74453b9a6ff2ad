using VmQuest.City.Inspection;
using VmQuest.City.Simulation;
using VmQuest.Engine.Ecs.Inspection;
using VmQuest.Engine.Kernel.Processes;

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
    public void Find_FrameOnTheMachine_EntityOrNotAnEntityYetButNeverAnError()
    {
        var lookup = Find("frame 0");

        Assert.True(lookup.Found || lookup.Problem!.StartsWith("not an entity yet", StringComparison.Ordinal), lookup.Problem);
    }

    [Fact]
    public void Lines_NotFound_OneLineNamingTheTarget()
    {
        var lines = InspectionText.Lines(Scenario.Kernel.World, Find("pid 999"));

        Assert.Equal("pid 999: no process has pid 999", Assert.Single(lines));
    }
}
