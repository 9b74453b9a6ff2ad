using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Evicts a uniformly random resident page, drawn from the world's seeded generator, so a run is
/// reproducible from its seed. Resident frames are kept in a dense array for O(1) draw and removal.
/// </summary>
public sealed class RandomPolicy : IReplacementPolicy
{
    private readonly DeterministicRandom _random;
    private readonly int[] _resident;
    private readonly int[] _positionOf;
    private int _count;

    /// <summary>Creates the policy for frames 0 … <paramref name="capacity"/>−1, drawing from <paramref name="random"/>.</summary>
    public RandomPolicy(int capacity, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
        _resident = new int[capacity];
        _positionOf = new int[capacity];
        Array.Fill(_positionOf, -1);
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public void Loaded(int frame)
    {
        _positionOf[frame] = _count;
        _resident[_count++] = frame;
    }

    /// <inheritdoc />
    public void Accessed(int frame)
    {
    }

    /// <inheritdoc />
    public void Removed(int frame)
    {
        var position = _positionOf[frame];
        if (position < 0)
        {
            return;
        }

        var last = _resident[--_count];
        _resident[position] = last;
        _positionOf[last] = position;
        _positionOf[frame] = -1;
    }

    /// <inheritdoc />
    public int ChooseVictim()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("No page is _resident, so there is nothing to evict.");
        }

        var victim = _resident[_random.NextInt(_count)];
        Removed(victim);
        return victim;
    }
}
