namespace VmQuest.Play.Rules;

/// <summary>What <see cref="MetricsSystem"/> has counted from the kernel's events so far in one session.</summary>
public sealed class SessionCounters
{
    /// <summary>Ticks whose work faulted at least once (a retried access is still one fault, as OPT counts it).</summary>
    public long Faults { get; internal set; }

    /// <summary>Context switches (CR3 loads).</summary>
    public long ContextSwitches { get; internal set; }

    /// <summary>Pages evicted.</summary>
    public long Evictions { get; internal set; }

    /// <summary>Processes killed by a signal.</summary>
    public long Killed { get; internal set; }

    /// <summary>The most user frames resident at the end of any tick.</summary>
    public long PeakFrames { get; internal set; }

    /// <summary>Whether the tick in progress has faulted (it may span several schedule runs while the player decides).</summary>
    internal bool FaultedThisTick { get; set; }
}
