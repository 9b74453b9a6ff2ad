using VmQuest.City.Hud;
using VmQuest.City.Simulation;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Tests.Game.City;

public sealed class KernelEventLogTests
{
    [Fact]
    public void Format_DemandZeroWrite_NamesPidAccessAddressOutcomeAndFrame()
    {
        var machine = BuiltinMachines.Load("x86-64");
        var e = new LoggedEvent(312, LoggedEventKind.Fault, 3, 0, 0x4051a0, AccessKind.Write, FaultOutcome.DemandZero, 12, 0, false);
        Span<char> text = stackalloc char[128];
        var written = EventLogPanel.Format(text, e, machine);
        Assert.Equal("t312 pid 3 write 0x4051a0: demand-zero → frame 12", text[..written].ToString());
    }

    [Fact]
    public void Format_SwitchOnRiscV_SaysSatpAndAsid()
    {
        var machine = BuiltinMachines.Load("riscv-sv39");
        var e = new LoggedEvent(7, LoggedEventKind.Switch, 2, 1, 0, default, default, 0, 0, false);
        Span<char> text = stackalloc char[128];
        var line = text[..EventLogPanel.Format(text, e, machine)].ToString();
        Assert.Equal("t7 switch to pid 2: satp loaded, ASID keeps the TLB", line);
        Assert.DoesNotContain("CR3", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Collect_SandboxTicks_LogsFaultsWithTheirAccessAndKeepsOnlyTheNewest()
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 64, Processes = 3 }));
        for (var i = 0; i < 50; i++)
        {
            simulation.Tick();
        }

        var log = simulation.Log;
        Assert.Equal(KernelEventLog.Capacity, log.Count);
        Assert.True(log.Total > KernelEventLog.Capacity);
        var lines = Enumerable.Range(0, log.Count).Select(i => log.Newest(i)).ToList();
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.First.Tick >= p.Second.Tick), "newest first");
        Assert.InRange(lines[0].Tick, 40, 50);
    }

    [Fact]
    public void Collect_EveryOutcome_HasWords()
    {
        foreach (var outcome in Enum.GetValues<FaultOutcome>())
        {
            Assert.False(string.IsNullOrWhiteSpace(EventLogPanel.OutcomeWords(outcome)));
            Assert.DoesNotContain(outcome.ToString(), EventLogPanel.OutcomeWords(outcome), StringComparison.Ordinal);
        }
    }
}
