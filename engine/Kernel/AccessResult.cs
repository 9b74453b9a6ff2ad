using VmQuest.Engine.Kernel.Faults;

namespace VmQuest.Engine.Kernel;

/// <summary>How a memory access ended.</summary>
public enum AccessStatus
{
    /// <summary>The access completed (possibly after faults were handled).</summary>
    Completed,

    /// <summary>The process was killed (SIGSEGV, or the OOM killer).</summary>
    Killed,

    /// <summary>A decision is pending; nothing changed, and the same access should be retried later.</summary>
    Waiting,
}

/// <summary>The result of one memory access by a process.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Value">The value read (or written), little-endian, when completed.</param>
/// <param name="PhysicalAddress">Where the first byte lives, when completed.</param>
/// <param name="Fault">The last fault handled on the way, if any.</param>
public readonly record struct AccessResult(AccessStatus Status, ulong Value, ulong PhysicalAddress, FaultOutcome? Fault)
{
    /// <summary>True when the access completed.</summary>
    public bool Completed => Status == AccessStatus.Completed;
}
