using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Description;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The narrow context the rule classes of translation, scheduling and reclaim (in <c>Translation/</c>,
/// <c>Scheduling/</c>, <c>Reclaim/</c>) work through: the kernel's private state they need, and nothing else.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>Told of every user reference before it is translated (the trace recorder, OPT's future); null when none.</summary>
    internal IAccessObserver? AccessObserver => _accessObserver;

    /// <summary>Live and zombie pids, ascending, for the rules that walk every process.</summary>
    internal List<int> PidList => _pids;

    /// <summary>Makes <paramref name="pid"/> the process CR3 belongs to (0: none).</summary>
    internal void SetCurrent(int pid) => CurrentPid = pid;
}
