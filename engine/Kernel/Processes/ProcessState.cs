namespace VmQuest.Engine.Kernel.Processes;

/// <summary>The life of a process (Linux's task states, simplified to those the game shows).</summary>
public enum ProcessState
{
    /// <summary>Runnable, waiting for the CPU.</summary>
    Ready,

    /// <summary>On the CPU: CR3 holds its page-table root.</summary>
    Running,

    /// <summary>Waiting for an event (a child to exit, a sleep to end).</summary>
    Blocked,

    /// <summary>Swapped out whole (挂起): not scheduled until resumed; its pages come back on demand.</summary>
    Suspended,

    /// <summary>Exited; its memory is freed but its exit status waits for the parent's wait().</summary>
    Zombie,
}
