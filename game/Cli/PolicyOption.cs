using System.CommandLine;
using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Cli;

/// <summary>
/// The one <c>--policy</c> option of <c>run</c> and <c>trace</c>: the same names (every built-in replacement
/// policy), the same help text and the same one-line error for an unknown name.
/// </summary>
internal static class PolicyOption
{
    public static Option<string> Create()
    {
        var names = ReplacementPolicies.Names.ToArray();
        var policy = new Option<string>("--policy")
        {
            Description = "Replacement policy when frames run out: fifo, lru, clock (second chance), random (seeded), "
                + "opt (Belady: evicts the page used furthest in the future), mru, or linux (Linux's reclaim: active and inactive lists of "
                + "anonymous and file pages with the referenced-bit second chance; in run also the watermarks, kswapd and direct reclaim; see docs/reclaim.md)",
            DefaultValueFactory = _ => "lru",
            HelpName = string.Join('|', names),
        };
        CliChoices.Restrict(policy, names);
        return policy;
    }
}
