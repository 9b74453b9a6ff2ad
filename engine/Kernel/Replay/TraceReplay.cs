namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// Replays a trace with the engine the options ask for: the textbook replay (<see cref="TextbookReplay"/>) where it
/// models them, else — and always with <see cref="TraceEngine.Kernel"/> — the kernel (<see cref="TraceReplaySession"/>).
/// Either way the result is the same, field for field; only the replay time differs.
/// </summary>
public static class TraceReplay
{
    /// <summary>Whether <paramref name="options"/> replay on the textbook path.</summary>
    public static bool UsesTextbook(TraceReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Engine == TraceEngine.Auto && TextbookReplay.Models(options);
    }

    /// <summary>Replays <paramref name="input"/> once under <paramref name="options"/>; <paramref name="progress"/> hears (replayed, total) after each chunk.</summary>
    public static TraceReplayResult Run(TraceInput input, TraceReplayOptions options, Action<long, long>? progress = null) =>
        UsesTextbook(options)
            ? new TextbookReplay(input, options).Run(progress)
            : new TraceReplaySession(input, options).Run(progress);
}
