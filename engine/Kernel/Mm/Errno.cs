namespace VmQuest.Engine.Kernel.Mm;

/// <summary>The Linux error numbers the memory syscalls return (values as in <c>errno.h</c>).</summary>
public enum Errno
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>Operation not permitted.</summary>
    EPERM = 1,

    /// <summary>Try again: a decision the call needs is still pending.</summary>
    EAGAIN = 11,

    /// <summary>Out of memory, or (mprotect, munmap) part of the range is not mapped.</summary>
    ENOMEM = 12,

    /// <summary>Permission denied (e.g. a shared writable mapping of a read-only file).</summary>
    EACCES = 13,

    /// <summary>The mapping would replace an existing one (MAP_FIXED_NOREPLACE).</summary>
    EEXIST = 17,

    /// <summary>No such device: the file cannot be memory-mapped (a FIFO, a socket, a directory, most devices).</summary>
    ENODEV = 19,

    /// <summary>Invalid argument: misaligned address or offset, zero length, bad flags.</summary>
    EINVAL = 22,
}

/// <summary>A syscall's answer: a value on success, or an <see cref="Errno"/> (and the value is meaningless).</summary>
/// <param name="Value">The result (an address for mmap, the new break for brk, 0 otherwise).</param>
/// <param name="Error">The error, <see cref="Errno.None"/> on success.</param>
public readonly record struct SyscallResult(ulong Value, Errno Error)
{
    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Error == Errno.None;

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static SyscallResult Ok(ulong value = 0) => new(value, Errno.None);

    /// <summary>A failure with <paramref name="error"/>.</summary>
    public static SyscallResult Fail(Errno error) => new(0, error);
}
