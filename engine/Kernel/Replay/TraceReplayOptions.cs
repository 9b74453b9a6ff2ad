namespace VmQuest.Engine.Kernel.Replay;

/// <summary>How a trace is replayed; every field has a default.</summary>
public sealed record TraceReplayOptions
{
    /// <summary>Replacement policy: fifo, lru, clock, random, opt or mru.</summary>
    public string Policy { get; init; } = "lru";

    /// <summary>Most frames the trace's pages may hold at once (page tables not counted); null = as many as it touches.</summary>
    public int? Frames { get; init; }

    /// <summary>TLB entries (0 disables the TLB); null keeps the machine's TLB.</summary>
    public int? TlbEntries { get; init; }

    /// <summary>Seed of the kernel's generator (the random policy draws from it).</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Whether the kernel publishes per-tick events (a viewer replaying a trace wants them; the replay then ends
    /// a tick after each fault). Off by default: the command line reads only the counters.
    /// </summary>
    public bool PublishEvents { get; init; }

    /// <summary>Which replay runs the trace (<see cref="TraceReplay.Run"/>); the results are the same either way.</summary>
    public TraceEngine Engine { get; init; }
}
