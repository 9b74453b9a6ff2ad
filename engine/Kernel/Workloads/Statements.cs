namespace VmQuest.Engine.Kernel.Workloads;

/// <summary>
/// One statement of a workload script (one line, or a block from its opening line to its <c>end</c>).
/// Immutable; equality is structural and includes positions.
/// </summary>
/// <param name="Position">Where the statement's keyword starts.</param>
public abstract record Statement(SourcePosition Position);

/// <summary><c>read ADDR</c>, <c>touch ADDR</c>, <c>write ADDR [= VALUE]</c>, <c>fetch ADDR</c>: one memory access.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Kind">Load, store or instruction fetch.</param>
/// <param name="Address">The virtual address.</param>
/// <param name="Value">For a write, the value stored, or null when the script gave none. Always null otherwise.</param>
public sealed record AccessStatement(SourcePosition Position, AccessKind Kind, Expr Address, Expr? Value) : Statement(Position);

/// <summary><c>malloc NAME SIZE</c>: allocate from the heap and bind NAME to the address.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Name">The variable the interpreter binds to the returned address.</param>
/// <param name="Size">Bytes requested.</param>
public sealed record MallocStatement(SourcePosition Position, string Name, Expr Size) : Statement(Position);

/// <summary><c>free NAME</c>: release what <c>malloc NAME</c> returned. NAME stays bound (a dangling pointer).</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Name">The variable holding the block's address.</param>
public sealed record FreeStatement(SourcePosition Position, string Name) : Statement(Position);

/// <summary><c>brk ADDR</c>: set the program break to an absolute address.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Address">The new break.</param>
public sealed record BrkStatement(SourcePosition Position, Expr Address) : Statement(Position);

/// <summary><c>sbrk DELTA</c>, or <c>brk +DELTA</c> / <c>brk -DELTA</c>: move the program break by a signed amount.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Delta">Bytes to grow (positive) or shrink (negative) the heap by.</param>
public sealed record SbrkStatement(SourcePosition Position, Expr Delta) : Statement(Position);

/// <summary><c>mmap NAME SIZE [PERMS…] [shared|private] [file PATH [offset N]]</c>: map memory and bind NAME.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Name">The variable the interpreter binds to the mapping's start.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Perms">Protection; <c>read write</c> when the script names none.</param>
/// <param name="Shared"><c>MAP_SHARED</c> when true, <c>MAP_PRIVATE</c> (the default) when false.</param>
/// <param name="File">The mapped file's path, or null for an anonymous mapping.</param>
/// <param name="Offset">File offset in bytes; only with <paramref name="File"/>, null when not given.</param>
public sealed record MmapStatement(
    SourcePosition Position, string Name, Expr Size, MemoryPerms Perms, bool Shared, string? File, Expr? Offset) : Statement(Position);

/// <summary><c>munmap ADDR SIZE</c>.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Address">Start of the range.</param>
/// <param name="Size">Length in bytes.</param>
public sealed record MunmapStatement(SourcePosition Position, Expr Address, Expr Size) : Statement(Position);

/// <summary><c>mprotect ADDR SIZE PERMS…</c> (<c>none</c> for no access).</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Address">Start of the range.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Perms">The new protection.</param>
public sealed record MprotectStatement(SourcePosition Position, Expr Address, Expr Size, MemoryPerms Perms) : Statement(Position);

/// <summary><c>madvise ADDR SIZE hugepage|nohugepage|dontneed</c>: <c>MADV_HUGEPAGE</c>, <c>MADV_NOHUGEPAGE</c> or <c>MADV_DONTNEED</c>.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Address">Start of the range.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Advice">The advice.</param>
public sealed record MadviseStatement(SourcePosition Position, Expr Address, Expr Size, Mm.MadviseAdvice Advice) : Statement(Position);

/// <summary><c>fork</c>: both processes continue with the next statement; <c>if child</c> tells them apart.</summary>
/// <param name="Position">Where the keyword starts.</param>
public sealed record ForkStatement(SourcePosition Position) : Statement(Position);

/// <summary><c>exec PATH [ARGS…]</c>: replace the program with an executable file.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Path">The executable's path, as written.</param>
/// <param name="Args">The arguments after the path (argv[1…]).</param>
public sealed record ExecStatement(SourcePosition Position, string Path, NodeList<string> Args) : Statement(Position);

/// <summary><c>exit [CODE]</c>: end the process (status 0 when CODE is absent).</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Code">The exit status expression, or null.</param>
public sealed record ExitStatement(SourcePosition Position, Expr? Code) : Statement(Position);

/// <summary><c>wait</c>: block until a child exits, and reap it.</summary>
/// <param name="Position">Where the keyword starts.</param>
public sealed record WaitStatement(SourcePosition Position) : Statement(Position);

/// <summary><c>yield</c>: give up the rest of the time slice.</summary>
/// <param name="Position">Where the keyword starts.</param>
public sealed record YieldStatement(SourcePosition Position) : Statement(Position);

/// <summary><c>maps</c>: print the process's <c>/proc/PID/maps</c> as it is at that point.</summary>
/// <param name="Position">Where the keyword starts.</param>
public sealed record MapsStatement(SourcePosition Position) : Statement(Position);

/// <summary><c>smaps</c>: print the process's <c>/proc/PID/smaps</c> (the fields VmQuest models) as it is at that point.</summary>
/// <param name="Position">Where the keyword starts.</param>
public sealed record SmapsStatement(SourcePosition Position) : Statement(Position);

/// <summary><c>sleep CYCLES</c>: block for a number of simulated cycles.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Cycles">How long, in cycles.</param>
public sealed record SleepStatement(SourcePosition Position, Expr Cycles) : Statement(Position);

/// <summary><c>repeat N</c> … <c>end</c>: run the body N times (N evaluated once, on entry).</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Count">How many times.</param>
/// <param name="Body">The statements repeated.</param>
public sealed record RepeatStatement(SourcePosition Position, Expr Count, NodeList<Statement> Body) : Statement(Position);

/// <summary>
/// <c>for VAR in FROM..TO [step S]</c> … <c>end</c>: VAR takes FROM, FROM+S, … while it is below TO (above TO
/// for a negative step); TO is excluded. FROM, TO and S are evaluated once, on entry; S defaults to 1.
/// </summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Variable">The loop variable, visible in the body only.</param>
/// <param name="From">First value.</param>
/// <param name="To">Exclusive bound.</param>
/// <param name="Step">Increment, or null for 1.</param>
/// <param name="Body">The loop body.</param>
public sealed record ForStatement(
    SourcePosition Position, string Variable, Expr From, Expr To, Expr? Step, NodeList<Statement> Body) : Statement(Position);

/// <summary><c>if child</c> / <c>if parent</c> … [<c>else</c> …] <c>end</c>: branch on the result of the most recent fork.</summary>
/// <param name="Position">Where the keyword starts.</param>
/// <param name="Role">The role that runs <paramref name="Then"/>.</param>
/// <param name="Then">Runs when the process's role is <paramref name="Role"/>.</param>
/// <param name="Else">Runs otherwise (empty when there is no <c>else</c>).</param>
public sealed record IfForkStatement(SourcePosition Position, ForkRole Role, NodeList<Statement> Then, NodeList<Statement> Else) : Statement(Position);
