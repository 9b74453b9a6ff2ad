using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Decisions;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Levels.Model;
using VmQuest.Play.Policy.Language;

namespace VmQuest.Play.Policy;

/// <summary>What one whole run of a reference string under a policy gave.</summary>
/// <param name="Faults">References that faulted (each once), up to where the run stopped.</param>
/// <param name="Error">Why the player's policy failed (<c>tick T: LINE:COL: what</c>), or null when the run completed.</param>
public readonly record struct PolicyRunResult(long Faults, string? Error)
{
    /// <summary><see cref="Error"/> in Simplified Chinese, or null when the run completed.</summary>
    public string? ErrorZh { get; init; }
}

/// <summary>
/// Runs a reference string to its end, outside any session, under the player's policy or one of the kernel's
/// built-in policies — the hidden tests and their baselines. Each reference is one tick as in a policy session:
/// <c>on tick</c> runs first, then the access (its victims chosen by the policy), then newly loaded pages are
/// stamped; a reference that faulted counts once, as OPT counts. Deterministic.
/// </summary>
public static class PolicyTraceRun
{
    /// <summary>Runs <paramref name="references"/> under <paramref name="program"/> with <paramref name="frames"/> frames.</summary>
    public static PolicyRunResult WithProgram(Level level, IReadOnlyList<(ulong Page, bool IsWrite)> references, int frames, PolicyProgram program)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(program);
        var decisions = new PolicyDecisions();
        var (kernel, pid) = PolicyKernel.Boot(level, references, frames, level.Kernel.Policy, decisions, seed: 0);
        decisions.Memory = new KernelPolicyMemory(kernel, new PolicyInterpreter(program), TraceLoader.ReferenceStringBase);
        return Run(kernel, pid, references, decisions);
    }

    /// <summary>Runs <paramref name="references"/> under the kernel's built-in policy <paramref name="policy"/> (fifo, lru, clock, random, mru).</summary>
    public static PolicyRunResult WithBuiltIn(Level level, IReadOnlyList<(ulong Page, bool IsWrite)> references, int frames, string policy)
    {
        ArgumentNullException.ThrowIfNull(level);
        var (kernel, pid) = PolicyKernel.Boot(level, references, frames, policy, AutomaticDecisions.Instance, seed: 0);
        return Run(kernel, pid, references, decisions: null);
    }

    private static PolicyRunResult Run(KernelCore kernel, int pid, IReadOnlyList<(ulong Page, bool IsWrite)> references, PolicyDecisions? decisions)
    {
        kernel.World.EndTick();
        long faults = 0;
        var shift = kernel.Machine.Description.PageShift;
        for (int tick = 0; tick < references.Count; tick++)
        {
            if (decisions is not null)
            {
                decisions.Guard(() => decisions.Memory!.Tick(tick));
                if (decisions.Error is { } early)
                {
                    return new PolicyRunResult(faults, PolicySession.AtTick(tick, early)) { ErrorZh = PolicySession.AtTickZh(tick, decisions.ErrorZh!) };
                }
            }

            var (page, isWrite) = references[tick];
            var before = kernel.Counters.Faults;
            var result = kernel.Access(pid, TraceLoader.ReferenceStringBase + (page << shift), isWrite ? AccessKind.Write : AccessKind.Read, value: null, width: 1);
            if (decisions?.Error is { } error)
            {
                return new PolicyRunResult(faults, PolicySession.AtTick(tick, error)) { ErrorZh = PolicySession.AtTickZh(tick, decisions.ErrorZh!) };
            }

            if (!result.Completed)
            {
                throw new InvalidOperationException($"reference {tick} (page {page}) did not complete ({result.Status}, {result.Fault})");
            }

            if (kernel.Counters.Faults > before)
            {
                faults++;
            }

            if (decisions is not null)
            {
                decisions.Guard(() => decisions.Memory!.Sync());
                if (decisions.Error is { } late)
                {
                    return new PolicyRunResult(faults, PolicySession.AtTick(tick, late)) { ErrorZh = PolicySession.AtTickZh(tick, decisions.ErrorZh!) };
                }
            }

            // No schedule runs here: drop the tick's events so a long trace does not pile them up.
            kernel.World.EndTick();
        }

        return new PolicyRunResult(faults, null);
    }
}
