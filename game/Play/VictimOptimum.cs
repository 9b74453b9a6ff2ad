using VmQuest.Engine.Kernel.Replay;
using VmQuest.Levels.Model;

namespace VmQuest.Play;

/// <summary>
/// The optimum of a victim level: Belady's OPT's faults on the level's reference string with its frames, run by
/// the trace tool's replay with the kernel's own <c>OptimalPolicy</c> (so it counts faults exactly as a session does).
/// </summary>
public static class VictimOptimum
{
    /// <summary>OPT's faults on <paramref name="level"/>'s references (no victim choice can fault less).</summary>
    public static long OptFaults(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var references = LevelReferences.Of(level);
        var input = LevelReferences.ToTraceInput(references, level.Id, level.Machine.Description.PageShift);
        return new TraceReplaySession(input, new TraceReplayOptions { Policy = "opt", Frames = level.Frames }).Run().Faults;
    }

    /// <summary>The optimum of <paramref name="kind"/> on <paramref name="level"/>, or null when the level states none.</summary>
    public static long? Of(Level level, MetricKind kind)
    {
        ArgumentNullException.ThrowIfNull(level);
        return level.Optimum.FirstOrDefault(o => o.Metric == kind) switch
        {
            { Kind: OptimumKind.OptFaults } => OptFaults(level),
            { Kind: OptimumKind.MinActions } when level.Player.Has(Mechanic.Translate) => Translate.TranslateOptimum.MinActions(level),
            { Kind: OptimumKind.Bound, Bound: { } bound } => bound,
            _ => null,
        };
    }
}
