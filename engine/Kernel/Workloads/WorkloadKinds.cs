namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>What a memory access does, as the MMU sees it.</summary>
public enum AccessKind
{
    /// <summary>A data load (<c>read</c>, <c>touch</c>).</summary>
    Read,

    /// <summary>A data store (<c>write</c>).</summary>
    Write,

    /// <summary>An instruction fetch (<c>fetch</c>, <c>exec-fetch</c>); faults on NX pages.</summary>
    Fetch,
}

/// <summary>Protection bits for <c>mmap</c> and <c>mprotect</c> (<c>PROT_READ</c>, <c>PROT_WRITE</c>, <c>PROT_EXEC</c>).</summary>
[Flags]
public enum MemoryPerms
{
    /// <summary><c>PROT_NONE</c>: every access faults.</summary>
    None = 0,

    /// <summary><c>PROT_READ</c>.</summary>
    Read = 1,

    /// <summary><c>PROT_WRITE</c>.</summary>
    Write = 2,

    /// <summary><c>PROT_EXEC</c>.</summary>
    Exec = 4,
}

/// <summary>
/// Which side of its most recent <c>fork</c> a process is on: what <c>fork()</c> last returned to it.
/// Tested by <c>if child</c> / <c>if parent</c> / <c>if failed</c>.
/// </summary>
public enum ForkRole
{
    /// <summary>The process has not forked and is not a fork child.</summary>
    None,

    /// <summary>The most recent fork returned a child pid to this process.</summary>
    Parent,

    /// <summary>The most recent fork returned 0 to this process (it is the new child).</summary>
    Child,

    /// <summary>The most recent fork failed: it returned −1 (EAGAIN at the process limit, ENOMEM) and made no child.</summary>
    Failed,
}
