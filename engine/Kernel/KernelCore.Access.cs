using VmQuest.Engine.Kernel.Translation;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// User memory accesses, the facade the batch paths call: <see cref="UserMemoryAccess"/> (translate, handle the
/// fault, retry) with no one watching the walk.
/// </summary>
public sealed partial class KernelCore
{
    /// <summary>
    /// Performs a user-mode access of <paramref name="width"/> bytes (1–8) by the running process <paramref name="pid"/>.
    /// A write stores <paramref name="value"/> (little-endian; null writes nothing but still dirties the page).
    /// An access crossing a page boundary touches both pages, lower first. Faults are handled and the access
    /// retried; a SIGSEGV or out-of-memory kills the process.
    /// </summary>
    public AccessResult Access(int pid, ulong va, AccessKind kind, ulong? value = null, int width = 8)
    {
        var unobserved = default(NoWalkObserver);
        return UserMemoryAccess.Run(this, pid, va, kind, value, width, ref unobserved);
    }
}
