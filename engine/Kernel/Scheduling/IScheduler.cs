namespace VmQuest.Engine.Kernel.Scheduling;

/// <summary>
/// The decision "which process runs next" — one of the choices the game can hand to the player. Returning
/// null means "not decided yet": the simulation waits (without blocking anyone's thread) and asks again on
/// its next step.
/// </summary>
public interface IScheduler
{
    /// <summary>Picks one of <paramref name="ready"/> (never empty, ascending pids after the current one's turn), or null to wait.</summary>
    int? ChooseNext(IReadOnlyList<int> ready, int current);
}

/// <summary>Round robin: the next ready pid after the current one, wrapping around.</summary>
public sealed class RoundRobinScheduler : IScheduler
{
    /// <inheritdoc />
    public int? ChooseNext(IReadOnlyList<int> ready, int current)
    {
        ArgumentNullException.ThrowIfNull(ready);
        foreach (var pid in ready)
        {
            if (pid > current)
            {
                return pid;
            }
        }

        return ready[0];
    }
}
