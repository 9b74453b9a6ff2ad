using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Processes;

/// <summary>
/// The process component (Linux's <c>task_struct</c>, the parts the memory game needs). Written only by
/// the kernel's process operations (fork, exec, exit, wait, scheduling).
/// </summary>
public struct ProcessInfo
{
    /// <summary>Process id, unique among live and zombie processes.</summary>
    public int Pid;

    /// <summary>The parent's pid (0 for the first process).</summary>
    public int ParentPid;

    /// <summary>Where the process is in its life.</summary>
    public ProcessState State;

    /// <summary>The status passed to exit (meaningful once a zombie).</summary>
    public int ExitCode;

    /// <summary>The signal that killed it (11 SIGSEGV, 7 SIGBUS, 9 SIGKILL, 6 SIGABRT), or 0 when it exited by itself.</summary>
    public int KilledBy;

    /// <summary>Children (live or zombie) not yet reaped: wait and exit look for children only when there are some.</summary>
    public int Children;

    /// <summary>True when the OOM killer chose this process (its <see cref="KilledBy"/> is SIGKILL).</summary>
    public bool OomKilled;

    /// <summary>The program's name, for the city's labels and <c>ps</c>-style listings.</summary>
    public string Name;
}

/// <summary>
/// The process's memory: its <c>mm_struct</c> and the physical address of its top-level page table (what a
/// context switch loads into CR3), plus the PCID its TLB entries are tagged with when PCIDs are on and its context id.
/// Null <see cref="Mm"/> means the memory has been released (a zombie).
/// </summary>
public struct ProcessMemory
{
    /// <summary>The address space; null once released.</summary>
    public MemoryDescriptor? Mm;

    /// <summary>Physical address of the root page table.</summary>
    public ulong Root;

    /// <summary>
    /// The PCID this address space's TLB entries carry on the CPU: its ASID slot + 1 (1…6, see
    /// <see cref="Scheduling.DynamicAsids"/>); 0 when PCIDs are off or the mm holds no slot (not yet run, or its
    /// slot was given to another mm).
    /// </summary>
    public ushort Pcid;

    /// <summary>Linux's <c>mm->context.ctx_id</c>: unique for every mm ever made (an exec gets a new one); never reused.</summary>
    public ulong ContextId;
}
