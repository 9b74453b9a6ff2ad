using VmQuest.City.Simulation;
using VmQuest.Tests.Game.Cli;

namespace VmQuest.Tests.Game.City.Simulation;

/// <summary>The sandbox's machine configuration: TLB, PCID, swap and policy from the settings, checked in one line each.</summary>
public sealed class SandboxMachineTests
{
    [Fact]
    public void Boot_Defaults_TheMachinesTlbLruAndAMillionSwapPages()
    {
        var kernel = SandboxMachine.Boot(new SandboxSettings { Frames = 96 });

        var tlb = kernel.Machine.Description.Tlb;
        Assert.Equal((64, 4, true), (tlb.Entries, tlb.Ways, tlb.Pcid));
        Assert.Equal("lru", kernel.PolicyName);
        Assert.Equal(SandboxSettings.DefaultSwapPages, kernel.Options.SwapSlots);
    }

    [Fact]
    public void Boot_TlbPcidSwapAndPolicy_AppliedToTheKernel()
    {
        var kernel = SandboxMachine.Boot(new SandboxSettings { Frames = 96, TlbEntries = 16, TlbWays = 2, Pcid = false, SwapPages = 32, Policy = "clock" });

        var tlb = kernel.Machine.Description.Tlb;
        Assert.Equal((16, 2, false), (tlb.Entries, tlb.Ways, tlb.Pcid));
        Assert.Equal("clock", kernel.PolicyName);
        Assert.Equal(32, kernel.Options.SwapSlots);
    }

    [Theory]
    [InlineData(48, 48)] // 48 / 4 = 12 sets, not a power of two: one set of 48
    [InlineData(32, 4)] // the machine's 4 ways still divide: 8 sets
    [InlineData(0, 1)] // no TLB
    public void Boot_EntriesAlone_TheMachinesWaysWhenTheyFitElseFullyAssociative(int entries, int ways)
    {
        var settings = new SandboxSettings { Frames = 96, TlbEntries = entries };

        Assert.Null(SandboxMachine.Validate(settings));
        Assert.Equal(ways, SandboxMachine.Boot(settings).Machine.Description.Tlb.Ways);
    }

    [Theory]
    [InlineData(64, 3, null, 0, "--tlb-ways 3: TLB entries (64) must be a positive multiple of ways (3)")]
    [InlineData(-1, null, null, 0, "--tlb-entries must be between 0 (no TLB) and 65536")]
    [InlineData(null, 0, null, 0, "--tlb-ways must be at least 1")]
    [InlineData(null, null, "opt", 0, "--policy must be one of fifo, lru, clock, random, mru, linux, not 'opt'")]
    [InlineData(null, null, null, -1, "--swap-pages must be between 0 and 4194304")]
    public void Validate_OutOfRange_OneSentenceNamingTheOption(int? entries, int? ways, string? policy, int swap, string expected)
    {
        var settings = new SandboxSettings { TlbEntries = entries, TlbWays = ways, Policy = policy ?? "lru", SwapPages = swap == 0 ? SandboxSettings.DefaultSwapPages : swap };

        Assert.Contains(expected, SandboxMachine.Validate(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_Default_MachineFramesTlbPolicyAndSwap()
    {
        Assert.Equal("x86-64 · 4,096 frames · TLB 64×4 PCID · lru · swap 4 GiB", SandboxMachine.Summary(new SandboxSettings()));
        Assert.Equal("x86-64 · 96 frames · no TLB · linux · no swap",
            SandboxMachine.Summary(new SandboxSettings { Frames = 96, TlbEntries = 0, Policy = "linux", SwapPages = 0 }));
    }

    [Fact]
    public void Tick_PcidOff_EverySwitchFlushesSoMoreTlbMisses()
    {
        static long Misses(bool pcid)
        {
            var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 256, Processes = 3, Pcid = pcid }));
            for (var i = 0; i < 300; i++)
            {
                simulation.Tick();
            }

            return simulation.Kernel.Machine.Mmu.TlbMisses;
        }

        Assert.True(Misses(pcid: false) > Misses(pcid: true));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("fifo")]
    [InlineData("random")]
    public void Tick_EveryPolicyUnderPressure_Evicts(string policy)
    {
        var simulation = new CitySimulation(new SandboxScenario(new SandboxSettings { Frames = 64, Processes = 3, Policy = policy }));
        for (var i = 0; i < 600; i++)
        {
            simulation.Tick();
        }

        Assert.Equal(policy, simulation.Kernel.PolicyName);
        Assert.True(simulation.Kernel.Counters.Evictions > 0);
    }

    [Theory]
    [InlineData(new[] { "--tlb-entries", "64", "--tlb-ways", "3" }, "vmquest: --tlb-entries 64 with --tlb-ways 3: TLB entries (64) must be a positive multiple of ways (3).")]
    [InlineData(new[] { "--swap-pages", "-5" }, "vmquest: --swap-pages must be between 0 and 4194304.")]
    [InlineData(new[] { "--policy", "opt" }, "--policy must be one of fifo, lru, clock, random, mru, linux, not 'opt'")]
    [InlineData(new[] { "--pcid", "maybe" }, "--pcid must be one of on, off, not 'maybe'")]
    public void Sandbox_BadMachineFlag_OneLineAndExitTwo(string[] flags, string expected)
    {
        var (status, _, error) = CliRunner.Run(["sandbox", "--frames", "96", .. flags, "--inspect", "pid", "1"]);

        Assert.Equal(2, status);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_ShowsTheConfigurationTheHudDraws()
    {
        var settings = new SandboxSettings { Frames = 96, TlbEntries = 8, TlbWays = 8, Pcid = false, Policy = "fifo", SwapPages = 256 };

        Assert.Equal("VmQuest sandbox · x86-64 · 96 frames · TLB 8×8 no PCID · fifo · swap 1 MiB", VmQuest.Cli.SandboxCommandFactory.Title(settings));
    }
}
