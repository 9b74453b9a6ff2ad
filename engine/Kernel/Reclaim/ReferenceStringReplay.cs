using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>What happened at one reference of a reference string.</summary>
/// <param name="Page">The page referenced.</param>
/// <param name="Hit">True when the page was resident.</param>
/// <param name="Victim">The page evicted to make room, or null.</param>
public readonly record struct ReferenceOutcome(long Page, bool Hit, long? Victim);

/// <summary>The totals and per-reference outcomes of replaying a reference string.</summary>
/// <param name="Outcomes">One entry per reference, in order.</param>
/// <param name="Faults">References that missed (compulsory misses included).</param>
/// <param name="Evictions">Misses that had to evict a page.</param>
public sealed record ReferenceStringResult(IReadOnlyList<ReferenceOutcome> Outcomes, int Faults, int Evictions)
{
    /// <summary>References that hit.</summary>
    public int Hits => Outcomes.Count - Faults;
}

/// <summary>
/// Replays a reference string (page numbers) against a fixed number of frames with one of the kernel's
/// replacement policies — the textbook exercise, and the scorer's way to compute OPT for a level.
/// </summary>
public static class ReferenceStringReplay
{
    /// <summary>Runs <paramref name="pages"/> with <paramref name="frames"/> frames under policy <paramref name="policy"/>.</summary>
    public static ReferenceStringResult Run(IReadOnlyList<long> pages, int frames, string policy, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var future = new NextUseTable(pages, frames);
        var chooser = ReplacementPolicies.Create(policy, frames, new DeterministicRandom(seed), future);
        var frameOf = new Dictionary<long, int>();
        var pageIn = new long[frames];
        var used = 0;
        var outcomes = new ReferenceOutcome[pages.Count];
        int faults = 0, evictions = 0;

        for (var t = 0; t < pages.Count; t++)
        {
            var page = pages[t];
            if (frameOf.TryGetValue(page, out var frame))
            {
                future.Touch(frame, t);
                chooser.Accessed(frame);
                outcomes[t] = new ReferenceOutcome(page, true, null);
                continue;
            }

            faults++;
            long? victim = null;
            if (used < frames)
            {
                frame = used++;
            }
            else
            {
                frame = chooser.ChooseVictim();
                victim = pageIn[frame];
                frameOf.Remove(pageIn[frame]);
                evictions++;
            }

            pageIn[frame] = page;
            frameOf[page] = frame;
            future.Touch(frame, t);
            chooser.Loaded(frame);
            outcomes[t] = new ReferenceOutcome(page, false, victim);
        }

        return new ReferenceStringResult(outcomes, faults, evictions);
    }

    /// <summary>For each frame, the index of the next reference to the page it holds (precomputed backwards).</summary>
    private sealed class NextUseTable : INextUseOracle
    {
        private readonly long[] _nextOccurrence;
        private readonly long[] _nextUseOfFrame;

        public NextUseTable(IReadOnlyList<long> pages, int frames)
        {
            _nextOccurrence = new long[pages.Count];
            var seen = new Dictionary<long, long>();
            for (var t = pages.Count - 1; t >= 0; t--)
            {
                _nextOccurrence[t] = seen.TryGetValue(pages[t], out var later) ? later : long.MaxValue;
                seen[pages[t]] = t;
            }

            _nextUseOfFrame = new long[frames];
        }

        public void Touch(int frame, int t) => _nextUseOfFrame[frame] = _nextOccurrence[t];

        public long NextUse(int frame) => _nextUseOfFrame[frame];
    }
}
