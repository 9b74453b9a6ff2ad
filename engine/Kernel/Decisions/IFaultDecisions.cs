using VmQuest.Engine.Kernel.Faults;

namespace VmQuest.Engine.Kernel.Decisions;

/// <summary>
/// A decision maker (<see cref="KernelOptions.Decisions"/>) that also rules on each page fault before the handler
/// acts: the player says what the kernel must do. Only decisions objects that implement this interface are asked,
/// so every other kernel handles faults exactly as before.
/// </summary>
public interface IFaultDecisions
{
    /// <summary>
    /// Called by <see cref="KernelCore.HandleFault"/> with the handler's own <paramref name="forecast"/> of a fault
    /// (never a spurious one) before anything changes. True lets the handler resolve it now; false makes it wait:
    /// nothing changes, the fault reports <see cref="FaultOutcome.AwaitingDecision"/> and the access is retried later.
    /// </summary>
    bool MayResolve(KernelCore kernel, FaultForecast forecast);
}
