using VmQuest.City.Simulation;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Tests.Game.City.Simulation;

/// <summary>A real address space (maps lines) imported as a sandbox process's VMAs.</summary>
public sealed class ImportedLayoutTests
{
    private const string Maps = """
        555555554000-555555556000 r--p 00000000 08:01 1234 /usr/bin/cat
        555555556000-55555555a000 r-xp 00002000 08:01 1234 /usr/bin/cat
        55555555a000-55555555c000 rw-p 00006000 08:01 1234 /usr/bin/cat
        55555555c000-55555557d000 rw-p 00000000 00:00 0 [heap]
        7ffff7fc1000-7ffff7fc5000 r--p 00000000 00:00 0 [vvar]
        7ffff7fc5000-7ffff7fc7000 r-xp 00000000 00:00 0 [vdso]
        7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 [stack]
        ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]

        """;

    private static ImportedLayout Layout() => new("test.maps", MapsReader.Parse(Maps, "test.maps"));

    [Fact]
    public void ApplyTo_RealMaps_EveryUserVmaAtItsAddressWithItsKindAndTheVsyscallPageLeftOut()
    {
        var kernel = SandboxMachine.Boot(new SandboxSettings { Frames = 256 });
        var pid = kernel.CreateProcess("cat");

        Assert.Equal(7, Layout().ApplyTo(kernel, pid));

        var areas = kernel.MmOf(pid).Vmas.Areas;
        Assert.Equal(
            [VmaKind.ReadOnlyData, VmaKind.Text, VmaKind.Data, VmaKind.Heap, VmaKind.Vvar, VmaKind.Vdso, VmaKind.Stack],
            areas.Select(a => a.Kind));
        Assert.Equal(0x555555556000UL, areas[1].Start);
        Assert.Equal("/usr/bin/cat", areas[1].Path);
        Assert.Equal(0x2000UL, areas[1].FileOffset);
        Assert.Equal(VmaPermissions.Read | VmaPermissions.Execute, areas[1].Permissions);
    }

    [Fact]
    public void CodeAndData_TheProgramsTextAndItsHeap()
    {
        var kernel = SandboxMachine.Boot(new SandboxSettings { Frames = 256 });
        var pid = kernel.CreateProcess("cat");
        Layout().ApplyTo(kernel, pid);

        Assert.Equal(0x555555556000UL, ImportedLayout.CodeOf(kernel.MmOf(pid))?.Start);
        Assert.Equal(0x55555555c000UL, ImportedLayout.DataOf(kernel.MmOf(pid))?.Start);
        Assert.Equal("cat", Layout().ProcessName);
    }

    [Fact]
    public void Scenario_WithAnImport_ItsProcessesRunInTheImportedVmas()
    {
        var simulation = new CitySimulation(SandboxDrivers.Create(new SandboxSettings { Frames = 256, Processes = 1, Import = Layout() }));
        for (var i = 0; i < 120; i++)
        {
            simulation.Tick();
        }

        var kernel = simulation.Kernel;
        var pid = kernel.Pids[0];
        Assert.Equal("cat", kernel.Info(pid).Name);
        Assert.Equal(7, kernel.MmOf(pid).Vmas.Count);
        Assert.True(kernel.Counters.Faults > 0);
    }
}
