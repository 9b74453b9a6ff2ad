using VmQuest.Levels.Model;

namespace VmQuest.Play.Translate;

/// <summary>
/// The translate mechanic's scripted players. The reference player is the MMU at its best: an address the TLB holds
/// is answered at once, any other is walked entry by entry to the physical address or the fault — the fewest
/// actions possible, since the TLB and the tables evolve the same whatever the player clicks. The default player is
/// the textbook walk: every address walked from the root, the TLB never used.
/// </summary>
public sealed class TranslatePlayers : IReferencePlayers
{
    /// <summary>The shared instance; it keeps no state.</summary>
    public static TranslatePlayers Instance { get; } = new();

    /// <inheritdoc/>
    public LevelSession PlayReference(Level level, ulong seed = 0) => Play(level, seed, useTlb: true);

    /// <inheritdoc/>
    public LevelSession PlayDefault(Level level, ulong seed = 0) => Play(level, seed, useTlb: false);

    /// <summary>
    /// Plays <paramref name="session"/> to its end without a mistake, answering from the TLB when
    /// <paramref name="useTlb"/> and it can, else walking every level.
    /// </summary>
    public static void PlayToEnd(TranslateSession session, bool useTlb)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Run();
        while (session.Pending is { } t)
        {
            var why = Next(session, t, useTlb);
            if (why is not null)
            {
                throw new InvalidOperationException($"the scripted translate player was refused: {why}");
            }

            session.Run();
        }
    }

    private static TranslateSession Play(Level level, ulong seed, bool useTlb)
    {
        var session = new TranslateSession(level, seed);
        PlayToEnd(session, useTlb);
        return session;
    }

    private static string? Next(TranslateSession session, PendingTranslation t, bool useTlb)
    {
        if (useTlb && t.EntriesRead == 0 && t.TlbAnswer is { } cached)
        {
            return session.AnswerPhysical(cached);
        }

        if (!t.WalkComplete)
        {
            return session.ReadEntry(t.EntriesRead, t.Steps[t.EntriesRead].Index);
        }

        return t.FaultWord is { } fault ? session.AnswerFault(fault) : session.AnswerPhysical(t.Outcome.PhysicalAddress);
    }
}
