namespace VmQuest.City.Simulation;

/// <summary>What a sandbox driver does when the player forks or kills one of its processes from the city.</summary>
internal interface ISandboxProcessControl
{
    /// <summary>Forks <paramref name="pid"/> so the child goes on as its parent does; the child's pid, or −1 and why not.</summary>
    (int Child, string? Error) Fork(int pid);

    /// <summary>Ends <paramref name="pid"/> by <paramref name="signal"/>; its parent (or the sandbox) reaps it.</summary>
    void Kill(int pid, int signal);
}
