namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// A run of consecutive touched pages, [<paramref name="FirstPage"/>, <paramref name="LastPage"/>], that the
/// replay maps as one anonymous VMA before the trace starts.
/// </summary>
/// <param name="FirstPage">First page number of the run.</param>
/// <param name="LastPage">Last page number of the run (inclusive).</param>
/// <param name="Executable">True when an instruction fetch touches a page of the run (the VMA gets execute permission).</param>
public readonly record struct TraceRegion(ulong FirstPage, ulong LastPage, bool Executable);
