namespace VmQuest.Levels.Model;

/// <summary>
/// What the player must achieve; a level is won when every goal holds. The vocabulary is small on purpose, so
/// the game's goal systems can check each kind from the kernel's events (docs/levels.md, "Goals").
/// </summary>
public abstract record LevelGoal
{
    /// <summary>The <c>kind</c> names level files use, one per concrete goal type.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["exits", "all-exit", "killed", "trace-completes", "translations", "layout-matches"];
}

/// <summary><c>kind: exits</c>: process <paramref name="Process"/> exits with <paramref name="Status"/> (default 0).</summary>
public sealed record ProcessExitsGoal(string Process, int Status) : LevelGoal;

/// <summary><c>kind: all-exit</c>: every process of the level exits with <paramref name="Status"/> (default 0).</summary>
public sealed record AllProcessesExitGoal(int Status) : LevelGoal;

/// <summary>
/// <c>kind: killed</c>: process <paramref name="Process"/> dies of <paramref name="Signal"/> (default SIGSEGV), and
/// when <paramref name="Line"/> is given, at that line of its program (the attack line). Invariant: the line
/// holds a statement of a workload process.
/// </summary>
public sealed record ProcessKilledGoal(string Process, string Signal, int? Line) : LevelGoal
{
    /// <summary>The signals a goal may name.</summary>
    public static IReadOnlyList<string> Signals { get; } = ["SIGSEGV", "SIGBUS", "SIGKILL"];
}

/// <summary><c>kind: trace-completes</c>: the trace <paramref name="Trace"/> (every trace when null) runs to its end.</summary>
public sealed record TraceCompletesGoal(string? Trace) : LevelGoal;

/// <summary><c>kind: translations</c>: the player answers <paramref name="Count"/> translations correctly.</summary>
public sealed record TranslationsGoal(int Count) : LevelGoal;

/// <summary><c>kind: layout-matches</c>: the player's layout of <paramref name="Process"/>'s ELF equals what execve builds.</summary>
public sealed record LayoutMatchesGoal(string Process) : LevelGoal;
