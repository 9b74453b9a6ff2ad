using VmQuest.Engine.Kernel.Memory;
using VmQuest.Levels.Model;

namespace VmQuest.Play.FaultAction;

/// <summary>
/// The fault-action mechanic's scripted players. The reference answers every fault as the handler does and, where the
/// player places frames under memory pressure, makes room as Belady's OPT would: it evicts the resident page whose
/// next use lies furthest ahead (in the reference stream of a first run of the same programs). Linux's defaults let
/// the handler decide alone: the lowest free frame, and the level's replacement policy under pressure.
/// </summary>
public sealed class FaultActionPlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static FaultActionPlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        // The programs reference the same pages in the same order whatever the frames (one process runs at a time),
        // so a first run's stream is the future the second run's choices look into.
        var future = ((FaultActionSession)PlayDefault(level, seed)).References;
        var session = new FaultActionSession(level, seed);
        session.Run();
        while (session.IsWaiting)
        {
            var fault = session.PendingFault!;
            var (kind, why) = FaultActions.Expected(fault) ?? throw new InvalidOperationException("a pending fault has an answer");
            ulong? frame = level.Player.FramePlacement && fault.NeedsFrame
                ? session.MemoryFull ? FurthestNextUse(session, future) : session.FrameChoices()[0]
                : null;
            if (session.Answer(kind, why, frame) is { } refused)
            {
                throw new InvalidOperationException($"the reference answer was refused: {refused}");
            }

            session.Run();
        }

        return session;
    }

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(level);
        var session = new FaultActionSession(level with { Player = new LevelPlayer([], false) }, seed);
        session.Run();
        return session;
    }

    /// <summary>
    /// OPT's choice among the frames the pending fault may take: the one whose page is next referenced furthest
    /// after the pending access (never again is furthest; ties go to the lowest frame). Pages are named by virtual page
    /// number, so a page a parent and its child share counts once.
    /// </summary>
    public static ulong FurthestNextUse(FaultActionSession session, IReadOnlyList<(int Pid, ulong Page)> future)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(future);
        var now = session.References.Count;
        var shift = session.Kernel.Machine.Description.PageShift;
        ulong best = 0;
        var bestNext = -1L;
        foreach (var frame in session.FrameChoices())
        {
            var page = session.Kernel.Frames.VirtualAddressOf(frame) >> shift;
            var next = long.MaxValue;
            for (var t = now + 1; t < future.Count; t++)
            {
                if (future[t].Page == page)
                {
                    next = t;
                    break;
                }
            }

            if (next > bestNext)
            {
                (best, bestNext) = (frame, next);
            }
        }

        return best;
    }
}
