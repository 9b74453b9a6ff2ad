using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Randomness;

namespace VmQuest.Engine.Machine.Ostep;

/// <summary>
/// Answers an <see cref="OstepPolicyProblem"/> as <c>paging-policy.py -c</c> would: for RAND and CLOCK the generator
/// is seeded with the problem's seed and first makes the draws that generated the pages, as the homework's does.
/// </summary>
public static class OstepPolicySolver
{
    /// <summary>The policy a problem names.</summary>
    public static OstepPolicy PolicyOf(OstepPolicyProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Policy switch
        {
            "FIFO" => OstepPolicy.Fifo,
            "LRU" => OstepPolicy.Lru,
            "MRU" => OstepPolicy.Mru,
            "OPT" => OstepPolicy.Opt,
            "UNOPT" => OstepPolicy.Unopt,
            "RAND" => OstepPolicy.Rand,
            "CLOCK" => OstepPolicy.Clock,
            _ => throw new ArgumentException($"unknown policy '{problem.Policy}'", nameof(problem)),
        };
    }

    /// <summary>Every access, in order: hit or miss, the victim and the memory afterwards.</summary>
    public static IReadOnlyList<OstepPolicyStep> Solve(OstepPolicyProblem problem)
    {
        var policy = PolicyOf(problem);
        PythonRandom? random = null;
        if (problem.Seed is { } seed)
        {
            random = new PythonRandom(seed);
            for (int i = 0; i < problem.DrawsBeforeSolving; i++)
            {
                random.Random53();
            }
        }

        return OstepPolicySimulator.Run(problem.Pages, problem.CacheSize, policy, random, problem.ClockBits);
    }
}
