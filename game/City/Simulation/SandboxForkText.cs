using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.City.Simulation;

/// <summary>Why a fork from the city failed, in the words the workload runner uses for a program's fork.</summary>
internal static class SandboxForkText
{
    public static string Error(KernelCore kernel, Errno error) => error == Errno.EAGAIN
        ? $"EAGAIN: the limit of {kernel.Options.MaxProcesses} processes is reached"
        : $"{error}: no frames for the child's page tables";
}
