namespace VmQuest.Play;

/// <summary>
/// Plays a victim level as Belady's OPT would: at each decision it evicts the resident page whose next use lies
/// furthest ahead (never used again counts as furthest; ties go to the lowest frame). It makes the levels'
/// reference solutions and is what a hint would suggest.
/// </summary>
public static class OptimalVictimPlayer
{
    /// <summary>The frame OPT evicts now; the session must be waiting for a victim.</summary>
    public static ulong Choose(VictimSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.IsWaiting)
        {
            throw new InvalidOperationException("no victim decision is pending");
        }

        ulong best = 0;
        long bestNextUse = -1;
        foreach (var frame in session.ResidentFrames())
        {
            var page = session.PageIn(frame);
            long nextUse = long.MaxValue;
            // The waiting reference itself (at Tick) is the page being brought in, not resident.
            for (var t = session.Tick + 1; t < session.References.Count; t++)
            {
                if (session.References[(int)t].Page == page)
                {
                    nextUse = t;
                    break;
                }
            }

            if (nextUse > bestNextUse)
            {
                best = frame;
                bestNextUse = nextUse;
            }
        }

        return best;
    }

    /// <summary>Plays <paramref name="session"/> to its end with OPT's choices.</summary>
    public static void PlayToEnd(VictimSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Run();
        while (session.IsWaiting)
        {
            session.ChooseVictim(Choose(session));
            session.Run();
        }
    }
}
