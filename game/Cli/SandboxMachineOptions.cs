using System.CommandLine;
using VmQuest.City.Simulation;

namespace VmQuest.Cli;

/// <summary>
/// The sandbox's machine configuration beyond <c>--machine</c> and <c>--frames</c>: the TLB's size and
/// associativity, PCID, swap and the replacement policy. Ranges are checked by <see cref="SandboxMachine.Validate"/>
/// (the settings panel shares them), so each option here only parses.
/// </summary>
internal sealed class SandboxMachineOptions
{
    private readonly Option<int?> _tlbEntries = new("--tlb-entries")
    {
        Description = $"TLB entries (0 disables the TLB; up to {SandboxSettings.MaxTlbEntries}); default: the machine's own (64 on x86-64).",
        HelpName = "N",
    };

    private readonly Option<int?> _tlbWays = new("--tlb-ways")
    {
        Description = "TLB associativity, entries per set (entries / ways must be a power of two); default: the machine's own when it divides the entries, else fully associative.",
        HelpName = "W",
    };

    private readonly Option<string> _pcid = new("--pcid")
    {
        Description = "on: TLB entries carry a PCID, so a context switch keeps them; off: every CR3 load flushes the TLB. Default: the machine's own (on for x86-64).",
        HelpName = "on|off",
    };

    private readonly Option<int> _swapPages = new("--swap-pages")
    {
        Description = $"Swap slots, one page each (0: no swap, so memory pressure ends in the OOM killer; up to {SandboxSettings.MaxSwapPages}).",
        HelpName = "N",
        DefaultValueFactory = _ => SandboxSettings.DefaultSwapPages,
    };

    private readonly Option<string> _policy = new("--policy")
    {
        Description = "Replacement policy when frames run out: fifo, lru, clock (second chance), random (seeded), mru, or linux "
            + "(active and inactive lists, the watermarks and kswapd; see docs/reclaim.md). opt is not offered: it needs the run's future.",
        HelpName = string.Join('|', SandboxMachine.Policies),
        DefaultValueFactory = _ => "lru",
    };

    public SandboxMachineOptions()
    {
        CliChoices.Restrict(_pcid, "on", "off");
        CliChoices.Restrict(_policy, [.. SandboxMachine.Policies]);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_tlbEntries);
        command.Options.Add(_tlbWays);
        command.Options.Add(_pcid);
        command.Options.Add(_swapPages);
        command.Options.Add(_policy);
    }

    /// <summary><paramref name="settings"/> with the options given on the command line.</summary>
    public SandboxSettings Apply(ParseResult parse, SandboxSettings settings) => settings with
    {
        TlbEntries = parse.GetValue(_tlbEntries),
        TlbWays = parse.GetValue(_tlbWays),
        Pcid = parse.GetValue(_pcid) switch { "on" => true, "off" => false, _ => null },
        SwapPages = parse.GetValue(_swapPages),
        Policy = parse.GetValue(_policy)!,
    };
}
