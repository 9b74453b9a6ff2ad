using System.Globalization;
using VmQuest.Levels.Model;
using VmQuest.Levels.Traces;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Play.Policy;

/// <summary>The outcome of one hidden test.</summary>
/// <param name="Index">0-based.</param>
/// <param name="Seed">The trace's seed (chosen when the test ran; shown only after it).</param>
/// <param name="Faults">The player's policy's faults.</param>
/// <param name="BaselineFaults">The baseline policy's faults on the same trace with the same frames.</param>
/// <param name="Error">Why the policy failed on the trace, or null.</param>
public readonly record struct HiddenTestResult(int Index, ulong Seed, long Faults, long BaselineFaults, string? Error)
{
    /// <summary>A hidden test passes when the policy runs to the end without error and faults no more than the baseline.</summary>
    public bool Passed => Error is null && Faults <= BaselineFaults;

    /// <summary><see cref="Error"/> in Simplified Chinese, or null.</summary>
    public string? ErrorZh { get; init; }
}

/// <summary>
/// Runs a policy level's hidden tests (docs/mechanics/policy.md, "Hidden tests"): <c>count</c> traces from the
/// level's hidden generator, each with a seed from <see cref="IHiddenTestSeeds"/>, each run under the player's
/// policy and under the baseline policy with the hidden tests' frames.
/// </summary>
public static class PolicyHiddenTests
{
    /// <summary>Every hidden test of <paramref name="level"/> for <paramref name="program"/>, in order (all run, even after a failure).</summary>
    public static IReadOnlyList<HiddenTestResult> Run(Level level, PolicyProgram program, IHiddenTestSeeds seeds)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(seeds);
        var hidden = level.HiddenTests ?? throw new InvalidOperationException($"level {level.Id} has no hidden tests");
        var results = new List<HiddenTestResult>(hidden.Count);
        for (int i = 0; i < hidden.Count; i++)
        {
            var seed = seeds.SeedOf(i);
            var references = TraceGenerator.Generate(hidden.Generator, seed).Select(r => ((ulong)r.Page, r.IsWrite)).ToList();
            var mine = PolicyTraceRun.WithProgram(level, references, hidden.Frames, program);
            var baseline = PolicyTraceRun.WithBuiltIn(level, references, hidden.Frames, hidden.Baseline);
            results.Add(new HiddenTestResult(i, seed, mine.Faults, baseline.Faults, mine.Error) { ErrorZh = mine.ErrorZh });
        }

        return results;
    }

    /// <summary>Why the first failed test failed, as one sentence naming it and its seed; null when every test passed.</summary>
    public static string? FirstFailure(Level level, IReadOnlyList<HiddenTestResult> results) => FirstFailureInBoth(level, results)?.En;

    /// <summary><see cref="FirstFailure"/> in English and Chinese.</summary>
    internal static Refusal? FirstFailureInBoth(Level level, IReadOnlyList<HiddenTestResult> results)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(results);
        var at = results.ToList().FindIndex(r => !r.Passed);
        if (at < 0)
        {
            return null;
        }

        var failed = results[at];
        var seed = failed.Seed;
        var passed = results.Count(r => r.Passed);
        var which = string.Create(CultureInfo.InvariantCulture, $"hidden test {failed.Index + 1} of {results.Count} (seed {seed}) failed");
        var whichZh = string.Create(CultureInfo.InvariantCulture, $"隐藏测试 {failed.Index + 1}/{results.Count}（种子 {seed}）未通过");
        var baseline = level.HiddenTests!.Baseline;
        var why = failed.Error is { } error
            ? $"the policy stopped at {error}"
            : string.Create(CultureInfo.InvariantCulture,
                $"the policy faulted {failed.Faults} times, {baseline} {failed.BaselineFaults}: a policy must do at least as well as {baseline} on every trace, not only on the one it was written for");
        var whyZh = failed.Error is not null
            ? $"策略停在{failed.ErrorZh ?? failed.Error}"
            : string.Create(CultureInfo.InvariantCulture,
                $"策略缺页 {failed.Faults} 次，{baseline} 为 {failed.BaselineFaults} 次：策略必须在每一条引用串上都不比 {baseline} 差，而不只是在为它编写的那一条上");
        return new(
            string.Create(CultureInfo.InvariantCulture, $"{which}: {why} ({passed} of {results.Count} passed)"),
            string.Create(CultureInfo.InvariantCulture, $"{whichZh}：{whyZh}（{results.Count} 个中通过 {passed} 个）"));
    }
}
