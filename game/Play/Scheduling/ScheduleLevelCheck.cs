using VmQuest.Engine.Formats;
using VmQuest.Levels.Model;

namespace VmQuest.Play.Scheduling;

/// <summary>
/// What a level must be for <see cref="ScheduleSession"/> to play it: the schedule mechanic alone, two or more
/// workload processes that exec and map no files, no traces, goals it can check (all-exit, exits) and metrics it
/// measures. The level loader checks the format; this checks what the session can do with it.
/// </summary>
internal static class ScheduleLevelCheck
{
    /// <summary>The metrics a schedule session measures.</summary>
    public static IReadOnlyList<MetricKind> Measured { get; } =
        [MetricKind.Cycles, MetricKind.TlbMisses, MetricKind.Faults, MetricKind.MajorFaults, MetricKind.PeakFrames, MetricKind.Mistakes, MetricKind.Actions];

    /// <summary>Refuses, in one line naming the level file, what a schedule session cannot play, check or measure.</summary>
    /// <exception cref="FormatParseException">The level is not a schedule level this session can play.</exception>
    public static void ThrowIfUnplayable(Level level)
    {
        if (level.Player.Mechanics.Any(m => m != Mechanic.Schedule))
        {
            throw new FormatParseException(level.SourcePath,
                $"mechanic {string.Join(", ", level.Player.Mechanics.Where(m => m != Mechanic.Schedule).Select(m => m.Name()))} cannot be played with schedule (a schedule level hands the player the scheduler only)");
        }

        if (level.Traces.Count > 0 || level.Processes.Count < 2)
        {
            throw new FormatParseException(level.SourcePath, "a schedule level runs processes only: it needs at least two processes and no traces");
        }

        if (level.Processes.FirstOrDefault(p => p.Program is null || p.ProgramFiles.Count > 0) is { } process)
        {
            throw new FormatParseException(level.SourcePath,
                $"process {process.Name}: a schedule level's processes run workload programs that exec and map no files");
        }

        if (level.Metrics.FirstOrDefault(m => !Measured.Contains(m.Kind)) is { } metric)
        {
            throw new FormatParseException(level.SourcePath,
                $"metric '{metric.Name}' cannot be measured on a schedule level (it measures: {string.Join(", ", Measured.Select(k => LevelMetric.Names[(int)k]))})");
        }

        if (level.Goals.FirstOrDefault(g => g is not (AllProcessesExitGoal or ProcessExitsGoal)) is { } goal)
        {
            throw new FormatParseException(level.SourcePath, $"goal {goal.GetType().Name} cannot be checked on a schedule level (its goals: all-exit, exits)");
        }
    }
}
