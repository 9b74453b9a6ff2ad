using VmQuest.Engine.Formats;
using VmQuest.Levels.Model;

namespace VmQuest.Play.Policy;

/// <summary>
/// The policy mechanic's scripted players. Linux's default submits the level's kernel policy written in the rule
/// language (<see cref="PolicyLibrary.Of"/>: it faults exactly as the kernel's own). The reference submits the
/// library policy that wins with the fewest faults on the shown trace (ties: the smaller policy) — OPT itself
/// cannot be written, since no policy sees the future.
/// </summary>
public sealed class PolicyPlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static PolicyPlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        PolicySession? best = null;
        foreach (var (_, text) in PolicyLibrary.All)
        {
            var session = Play(level, seed, text);
            if (session.IsWon && (best is null || Better(session, best)))
            {
                best = session;
            }
        }

        return best ?? throw new FormatParseException(level.SourcePath, "no policy of the library wins this level, so it has no reference solution");
    }

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        var text = PolicyLibrary.Of(level.Kernel.Policy)
            ?? throw new FormatParseException(level.SourcePath, $"kernel.policy {level.Kernel.Policy} cannot be written in the rule language; a policy level uses fifo or clock as Linux's default");
        return Play(level, seed, text);
    }

    /// <summary>Plays <paramref name="level"/> to its end with the policy <paramref name="text"/>.</summary>
    public static PolicySession Play(Level level, ulong seed, string text, IHiddenTestSeeds? seeds = null)
    {
        var session = new PolicySession(level, seed, seeds: seeds);
        session.Run();
        if (session.Submit(text) is { } why)
        {
            throw new InvalidOperationException("a library policy does not compile: " + why);
        }

        session.Run();
        return session;
    }

    private static bool Better(PolicySession a, PolicySession b)
    {
        var (fa, fb) = (a.Metric(MetricKind.Faults), b.Metric(MetricKind.Faults));
        return fa != fb ? fa < fb : a.Metric(MetricKind.PolicySize) < b.Metric(MetricKind.PolicySize);
    }
}
