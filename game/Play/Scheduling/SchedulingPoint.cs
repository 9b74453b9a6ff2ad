namespace VmQuest.Play.Scheduling;

/// <summary>Why the kernel is at a scheduling point.</summary>
public enum SchedulingCause
{
    /// <summary>The level has begun: every process is ready and none runs yet.</summary>
    Start,

    /// <summary>The running process gave up the CPU (<c>yield</c>, <c>sleep</c>).</summary>
    Yielded,

    /// <summary>The running process blocked in <c>wait</c>.</summary>
    Blocked,

    /// <summary>The running process exited.</summary>
    Exited,

    /// <summary>The running process used up its time slice.</summary>
    SliceEnded,
}

/// <summary>The scheduling point the kernel stands at: why, and which process's step brought it there (0 at the start).</summary>
/// <param name="Cause">Why the kernel asks.</param>
/// <param name="Pid">The process that yielded, blocked, exited or used up its slice; 0 at the start.</param>
/// <param name="Name">That process's name; empty at the start.</param>
public sealed record SchedulingPoint(SchedulingCause Cause, int Pid, string Name);
