using VmQuest.City.Animation;
using VmQuest.City.Physical;
using VmQuest.City.Simulation;

namespace VmQuest.Tests.Game.City;

public sealed class TranslationRouteTests
{
    [Fact]
    public void Update_AfterAFault_RoutesFromTheRootThroughEveryTableLevelToTheLot()
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 512, Processes = 2 }));
        var route = new TranslationRoute();
        for (var i = 0; i < 100 && route.Count == 0; i++)
        {
            simulation.Tick();
            route.Update(simulation.Kernel, simulation.Animations);
        }

        var kernel = simulation.Kernel;
        var levels = kernel.Machine.Description.Levels.Count;
        Assert.Equal(levels + 1, route.Count);
        var classifier = new LotClassifier(kernel);
        var tables = route.Stops[..levels].ToArray();
        Assert.All(tables, frame => Assert.Equal(LotKind.PageTable, classifier.KindOf(frame)));
        var roots = kernel.Pids.Where(p => kernel.MemoryOf(p).Mm is not null).Select(p => (long)(kernel.MemoryOf(p).Root >> kernel.Machine.Description.PageShift));
        Assert.Contains(tables[0], roots);
        Assert.NotEqual(LotKind.PageTable, classifier.KindOf(route.Stops[levels]));
    }
}
