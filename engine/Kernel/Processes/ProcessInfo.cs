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

    /// <summary>
    /// The <c>si_code</c> of the <c>siginfo</c> of the SIGSEGV or SIGBUS a fault killed it with (SEGV_MAPERR 1,
    /// SEGV_ACCERR 2, BUS_ADRERR 2, SI_KERNEL 0x80 for #GP), or 0 (see <see cref="Faults.FaultOutcomes.SignalCode"/>).
    /// </summary>
    public int SignalCode;

    /// <summary>The <c>si_addr</c> of that signal: the faulting address, 0 for #GP.</summary>
    public ulong SignalAddress;

    /// <summary>Children (live or zombie) not yet reaped: wait and exit look for children only when there are some.</summary>
    public int Children;

    /// <summary>True when the OOM killer chose this process (its <see cref="KilledBy"/> is SIGKILL).</summary>
    public bool OomKilled;

    /// <summary>The program's name, for the city's labels and <c>ps</c>-style listings.</summary>
    public string Name;

    /// <summary>
    /// Linux's <c>min_flt</c> (<c>ru_minflt</c> of <c>getrusage(RUSAGE_SELF)</c>, field 10 of <c>/proc/PID/stat</c>):
    /// the faults this process took that completed without I/O, copy-on-write copies included; a failed fault
    /// (SIGSEGV, SIGBUS, out of memory) is not counted. Zero in a new child (fork does not inherit it); execve keeps it.
    /// </summary>
    public long MinorFaults;

    /// <summary>Linux's <c>maj_flt</c> (<c>ru_majflt</c>, field 12 of <c>/proc/PID/stat</c>): the faults that waited for I/O.</summary>
    public long MajorFaults;

    /// <summary>Linux's <c>cmin_flt</c> (<c>getrusage(RUSAGE_CHILDREN)</c>, field 11 of <c>/proc/PID/stat</c>): the minor faults of the children this process reaped, and of theirs.</summary>
    public long ChildMinorFaults;

    /// <summary>Linux's <c>cmaj_flt</c> (field 13 of <c>/proc/PID/stat</c>): the major faults of the reaped children, and of theirs.</summary>
    public long ChildMajorFaults;
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
