namespace VmQuest.Play.Scheduling;

/// <summary>
/// Plays a schedule level run-to-completion: at every decision it keeps the running process when it can still run
/// (no CR3 load, no flush, its TLB entries stay warm), and otherwise runs the first runnable process of a fixed
/// order. Over every order this is how <see cref="ScheduleOptimum"/> finds a level's best schedule.
/// </summary>
public static class OrderedSchedulePlayer
{
    /// <summary>The pid this player runs at the pending decision, given the order of preference <paramref name="order"/> (pids).</summary>
    public static int Choose(ScheduleSession session, IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(order);
        var choices = session.Choices;
        if (choices.Count == 0)
        {
            throw new InvalidOperationException("no scheduling decision is pending");
        }

        if (choices.Contains(session.CurrentPid))
        {
            return session.CurrentPid;
        }

        foreach (var pid in order)
        {
            if (choices.Contains(pid))
            {
                return pid;
            }
        }

        // A process the order does not name (a forked child): the lowest runnable.
        return choices[0];
    }

    /// <summary>Plays <paramref name="session"/> to its end with this player's choices.</summary>
    public static void PlayToEnd(ScheduleSession session, IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Run();
        while (session.IsWaiting)
        {
            if (session.RunNext(Choose(session, order)) is { } why)
            {
                throw new InvalidOperationException($"the ordered player's choice was refused: {why}");
            }

            session.Run();
        }
    }
}
