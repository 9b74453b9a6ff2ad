namespace VmQuest.Engine.Kernel.Replay;

/// <summary>Which replay runs a trace (<c>vmquest trace --engine</c>); both give the same result, field for field.</summary>
public enum TraceEngine
{
    /// <summary>The textbook replay (<see cref="TextbookReplay"/>) where it models the options, else the kernel.</summary>
    Auto,

    /// <summary>The general path: every fault through the simulated kernel (<see cref="TraceReplaySession"/>), for cross-checks.</summary>
    Kernel,
}
