using VmQuest.Engine.Kernel.Scheduling;

namespace VmQuest.Play.Scheduling;

/// <summary>
/// The scheduler a schedule session hands the workload runner. It lets one decision through per session tick: the
/// first scheduling point of a tick (when two or more processes can run) is answered by the player's choice, or by
/// the level's default scheduler when the player does not schedule; the next one ends the tick, so every tick is
/// one stretch of running between two decisions. A point with one runnable process is no decision: that process runs.
/// </summary>
/// <remarks>Answering null changes nothing in the runner (it picks no process), so a closed gate leaves the point to be asked again.</remarks>
internal sealed class SchedulingGate(IScheduler? automatic) : IScheduler
{
    private readonly List<int> _ready = [];

    /// <summary>Whether the tick may still take its one decision (false once something has run in it).</summary>
    public bool Open { get; set; } = true;

    /// <summary>The pid the player chose for the pending decision, or null while they have not.</summary>
    public int? Chosen { get; set; }

    /// <summary>True when the runner asked at a point with a choice and got no answer (the player has not chosen, or the gate was closed).</summary>
    public bool Asked { get; private set; }

    /// <summary>The runnable pids (ascending) at the last point the runner asked about.</summary>
    public IReadOnlyList<int> Ready => _ready;

    /// <summary>The running pid (0 for none) at the last point the runner asked about.</summary>
    public int Current { get; private set; }

    /// <summary>Forgets that the runner asked (at the start of each attempt at a tick).</summary>
    public void ClearAsked() => Asked = false;

    /// <inheritdoc/>
    public int? ChooseNext(IReadOnlyList<int> ready, int current)
    {
        ArgumentNullException.ThrowIfNull(ready);
        _ready.Clear();
        _ready.AddRange(ready);
        Current = current;
        if (ready.Count == 1)
        {
            return ready[0];
        }

        if (!Open)
        {
            Asked = true;
            return null;
        }

        var next = automatic is not null ? automatic.ChooseNext(ready, current) : Chosen;
        if (next is null)
        {
            Asked = true;
            return null;
        }

        // One choice answers one point; the tick then runs until the next point, which ends it.
        Chosen = null;
        Open = false;
        return next;
    }
}
