using VmQuest.Levels.Model;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Play.Policy;

/// <summary>What a trial run of a policy on the shown trace gave, beside what to compare it with.</summary>
/// <param name="Faults">The policy's faults (up to where it stopped, when it failed).</param>
/// <param name="Error">Why the policy failed while running, or null.</param>
/// <param name="OptFaults">Belady's OPT's faults on the same trace (the optimum).</param>
/// <param name="DefaultFaults">The faults of the level's kernel policy (Linux's default).</param>
public sealed record PolicyTrialResult(long Faults, string? Error, long OptFaults, long DefaultFaults);

/// <summary>
/// The panel's Run/Test: runs a compiled policy on the level's shown trace outside the session (nothing is
/// recorded, no hidden test runs), so the player can compare its faults with OPT's and the default's before
/// submitting. Faults are counted as the session counts them.
/// </summary>
public static class PolicyTrial
{
    /// <summary>Runs <paramref name="program"/> on <paramref name="level"/>'s shown trace with its frames.</summary>
    public static PolicyTrialResult Run(Level level, PolicyProgram program)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(program);
        var references = LevelReferences.Of(level);
        var frames = level.Frames ?? throw new ArgumentException("a policy level has frames", nameof(level));
        var run = PolicyTraceRun.WithProgram(level, references, frames, program);
        var baseline = PolicyTraceRun.WithBuiltIn(level, references, frames, level.Kernel.Policy);
        return new PolicyTrialResult(run.Faults, run.Error, VictimOptimum.OptFaults(level), baseline.Faults);
    }
}
