namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// One concrete thing a running workload asks of the kernel, with every expression already evaluated. Produced
/// by <see cref="WorkloadCursor.Next"/>; touches no kernel type, so the kernel's interpreter decides what each
/// costs and does. Addresses are 64-bit patterns: read them as <c>unchecked((ulong)Address)</c>.
/// </summary>
/// <param name="Position">The statement that produced the action (0:0 for the implicit exit at the end).</param>
public abstract record WorkloadAction(SourcePosition Position);

/// <summary>A load, store or instruction fetch at one virtual address.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Kind">Load, store or fetch.</param>
/// <param name="Address">The virtual address.</param>
/// <param name="Value">The value to store, or null (no value given, or not a store): the kernel stores any deterministic value it likes.</param>
public sealed record MemoryAccessAction(SourcePosition Position, AccessKind Kind, long Address, long? Value) : WorkloadAction(Position);

/// <summary>Allocate <paramref name="Size"/> bytes; the kernel then calls <see cref="WorkloadCursor.Bind"/> with <paramref name="Name"/> and the address.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Name">The variable to bind.</param>
/// <param name="Size">Bytes, never negative.</param>
public sealed record MallocAction(SourcePosition Position, string Name, long Size) : WorkloadAction(Position);

/// <summary>Free the block at <paramref name="Address"/> (the current value of <paramref name="Name"/>, which stays bound).</summary>
/// <param name="Position">The statement.</param>
/// <param name="Name">The variable named in the script.</param>
/// <param name="Address">Its value.</param>
public sealed record FreeAction(SourcePosition Position, string Name, long Address) : WorkloadAction(Position);

/// <summary>Set the program break to <paramref name="Address"/> (<c>brk(2)</c>).</summary>
/// <param name="Position">The statement.</param>
/// <param name="Address">The new break.</param>
public sealed record BrkAction(SourcePosition Position, long Address) : WorkloadAction(Position);

/// <summary>Move the program break by <paramref name="Delta"/> bytes (<c>sbrk(3)</c>).</summary>
/// <param name="Position">The statement.</param>
/// <param name="Delta">Signed change.</param>
public sealed record SbrkAction(SourcePosition Position, long Delta) : WorkloadAction(Position);

/// <summary>Create a mapping; the kernel then calls <see cref="WorkloadCursor.Bind"/> with <paramref name="Name"/> and its start.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Name">The variable to bind.</param>
/// <param name="Length">Bytes, never negative.</param>
/// <param name="Perms">Protection.</param>
/// <param name="Shared">MAP_SHARED (true) or MAP_PRIVATE.</param>
/// <param name="File">The file's path, or null for anonymous memory.</param>
/// <param name="Offset">File offset (0 when not given), never negative.</param>
public sealed record MmapAction(SourcePosition Position, string Name, long Length, MemoryPerms Perms, bool Shared, string? File, long Offset)
    : WorkloadAction(Position);

/// <summary>Unmap a range.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Address">Start.</param>
/// <param name="Length">Bytes, never negative.</param>
public sealed record MunmapAction(SourcePosition Position, long Address, long Length) : WorkloadAction(Position);

/// <summary>Change a range's protection.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Address">Start.</param>
/// <param name="Length">Bytes, never negative.</param>
/// <param name="Perms">The new protection.</param>
public sealed record MprotectAction(SourcePosition Position, long Address, long Length, MemoryPerms Perms) : WorkloadAction(Position);

/// <summary>Give the kernel advice about a range (<c>madvise</c>).</summary>
/// <param name="Position">The statement.</param>
/// <param name="Address">Start.</param>
/// <param name="Length">Bytes, never negative.</param>
/// <param name="Advice">The advice.</param>
public sealed record MadviseAction(SourcePosition Position, long Address, long Length, Mm.MadviseAdvice Advice) : WorkloadAction(Position);

/// <summary>Fork. The kernel calls <see cref="WorkloadCursor.Fork"/> to get the child's cursor.</summary>
/// <param name="Position">The statement.</param>
public sealed record ForkAction(SourcePosition Position) : WorkloadAction(Position);

/// <summary>Replace the process image with an executable. On success the kernel drops this cursor; on failure it may continue.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Path">The executable, as written.</param>
/// <param name="Args">argv[1…].</param>
public sealed record ExecAction(SourcePosition Position, string Path, NodeList<string> Args) : WorkloadAction(Position);

/// <summary>The process ends. The cursor is finished after producing it.</summary>
/// <param name="Position">The statement (0:0 when the program ran off its end).</param>
/// <param name="Status">The exit status, reduced to 0…255 as Linux does (<c>code &amp; 0xff</c>).</param>
/// <param name="Implicit">True when the program ended without an <c>exit</c> statement.</param>
public sealed record ExitAction(SourcePosition Position, int Status, bool Implicit) : WorkloadAction(Position);

/// <summary>Wait for a child to exit and reap it.</summary>
/// <param name="Position">The statement.</param>
public sealed record WaitAction(SourcePosition Position) : WorkloadAction(Position);

/// <summary>Give up the CPU for the rest of the time slice.</summary>
/// <param name="Position">The statement.</param>
public sealed record YieldAction(SourcePosition Position) : WorkloadAction(Position);

/// <summary>Show the process's VMAs as <c>/proc/PID/maps</c> does (the step's <see cref="WorkloadStep.Maps"/>).</summary>
/// <param name="Position">The statement.</param>
public sealed record MapsAction(SourcePosition Position) : WorkloadAction(Position);

/// <summary>Show the process's VMAs as <c>/proc/PID/smaps</c> does (the fields VmQuest models; the step's <see cref="WorkloadStep.Maps"/>).</summary>
/// <param name="Position">The statement.</param>
public sealed record SmapsAction(SourcePosition Position) : WorkloadAction(Position);

/// <summary>Block for a number of cycles.</summary>
/// <param name="Position">The statement.</param>
/// <param name="Cycles">How long, never negative.</param>
public sealed record SleepAction(SourcePosition Position, long Cycles) : WorkloadAction(Position);

/// <summary>
/// The program ran <paramref name="ControlSteps"/> loop or branch steps without reaching a statement that asks
/// anything of the kernel (e.g. an empty loop). It is pure computation: the kernel may charge cycles for it.
/// It exists so that <see cref="WorkloadCursor.Next"/> always returns after a bounded amount of work.
/// </summary>
/// <param name="Position">The loop or branch being run.</param>
/// <param name="ControlSteps">How many control steps, at most <see cref="WorkloadCursor.MaxControlStepsPerAction"/>.</param>
public sealed record ComputeAction(SourcePosition Position, int ControlSteps) : WorkloadAction(Position);
