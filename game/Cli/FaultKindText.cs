using System.Globalization;
using System.Text;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Faults;

namespace VmQuest.Cli;

/// <summary>
/// The finer kinds of fault beside getrusage's minor/major split, as <c>run</c> prints them: a short label for the
/// text totals and a camelCase name for <c>--json</c> (the <see cref="FaultOutcome"/> member's name).
/// </summary>
internal static class FaultKindText
{
    /// <summary>Every outcome a fault can end in, in the enum's order (new kinds appear without changes here).</summary>
    public static readonly FaultOutcome[] Kinds = Enum.GetValues<FaultOutcome>();

    /// <summary>The name <c>--json</c> uses for <paramref name="outcome"/>, e.g. <c>cowCopy</c>.</summary>
    public static string JsonName(FaultOutcome outcome)
    {
        var name = outcome.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>A short label, e.g. "COW copy".</summary>
    public static string Label(FaultOutcome outcome) => outcome switch
    {
        FaultOutcome.DemandZero => "demand-zero",
        FaultOutcome.FileRead => "file read",
        FaultOutcome.PageCacheHit => "page-cache hit",
        FaultOutcome.SwapIn => "swap-in",
        FaultOutcome.CowCopy => "COW copy",
        FaultOutcome.CowReuse => "COW reuse",
        FaultOutcome.StackGrowth => "stack growth",
        FaultOutcome.Spurious => "spurious",
        FaultOutcome.AwaitingDecision => "waiting for a decision",
        _ when outcome.IsFatal() => "failed (" + outcome.Describe().Split(':')[0] + ")",
        _ => JsonName(outcome),
    };

    /// <summary>"by kind: 3 demand-zero, 1 COW copy" over the kinds that occurred; "by kind: none" without faults.</summary>
    public static string ByKind(KernelCounters counters)
    {
        var text = new StringBuilder("by kind: ");
        var any = false;
        var failed = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            var n = counters.FaultsOf(kind);
            if (n == 0)
            {
                continue;
            }

            if (kind.IsFatal())
            {
                // The SIGSEGV kinds share one label: summed, "2 failed (SIGSEGV)".
                failed[Label(kind)] = failed.GetValueOrDefault(Label(kind)) + n;
                continue;
            }

            text.Append(any ? ", " : "").Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Label(kind));
            any = true;
        }

        foreach (var (label, n) in failed)
        {
            text.Append(any ? ", " : "").Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(label);
            any = true;
        }

        return any ? text.ToString() : "by kind: none";
    }
}
