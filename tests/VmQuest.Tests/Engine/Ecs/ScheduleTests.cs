using VmQuest.Engine.Ecs;

namespace VmQuest.Tests.Engine.Ecs;

public class ScheduleTests
{
    [Fact]
    public void SimulationSchedule_Build_PinsPhaseAndSystemOrder()
    {
        var schedule = SimulationSchedule.Build();

        Assert.Equal(["Input", "Simulate", "ApplyCommands", "Present"], schedule.Phases);
        Assert.Equal(
            [
                "Input:",
                "Simulate:",
                "ApplyCommands:",
                "ApplyCommands: CommandBufferPlaybackSystem",
                "Present:",
            ],
            schedule.Describe());
    }

    [Fact]
    public void RunTick_SystemsRunByPhaseThenRegistrationOrder_AndEventsAreClearedAfter()
    {
        var log = new List<string>();
        var schedule = new Schedule("First", "Second");
        schedule.Add("Second", new Recorder("s2", log));
        schedule.Add("First", new Recorder("f1", log));
        schedule.Add("First", new Recorder("f2", log));
        var world = new World();
        world.Events<Health>().Send(new Health(1));

        schedule.RunTick(world);

        Assert.Equal(["f1", "f2", "s2"], log);
        Assert.Equal(0, world.Events<Health>().Count);
        Assert.Equal(1, world.Tick);
    }

    [Fact]
    public void Add_UnknownPhase_ThrowsListingThePhases()
    {
        var schedule = new Schedule("Input");
        var error = Assert.Throws<ArgumentException>(() => schedule.Add("Render", new Recorder("x", [])));
        Assert.Contains("Input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicatePhase_Throws() =>
        Assert.Throws<ArgumentException>(() => new Schedule("A", "A"));

    [Fact]
    public void CommandBufferPlaybackSystem_SharedBuffer_AppliedInApplyCommandsPhase()
    {
        var world = new World();
        var buffer = new CommandBuffer(world);
        world.SetResource(buffer);
        var schedule = SimulationSchedule.Build(new SpawnModule());

        schedule.RunTick(world);

        Assert.Equal(1, world.CountEntities(new QueryDescription().WithAll<Health>()));
    }

    private sealed class Recorder(string name, List<string> log) : ISystem
    {
        public void Run(World world) => log.Add(name);
    }

    private sealed class SpawnModule : IScheduleModule
    {
        public void Register(Schedule schedule) => schedule.Add(SimulationPhases.Simulate, new SpawnSystem());
    }

    private sealed class SpawnSystem : ISystem
    {
        public void Run(World world)
        {
            var buffer = world.GetResource<CommandBuffer>();
            var entity = buffer.Create();
            buffer.Add(entity, new Health(1));
        }
    }
}
