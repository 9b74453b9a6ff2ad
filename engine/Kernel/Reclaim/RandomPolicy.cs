using VmQuest.Engine.Ecs;

namespace VmQuest.Engine.Kernel.Reclaim;

/// <summary>
/// Evicts a uniformly random resident page, drawn from the world's seeded generator, so a run is
/// reproducible from its seed. Resident frames are kept in a dense array for O(1) draw and removal.
/// </summary>
public sealed class RandomPolicy : IReplacementPolicy
{
    private readonly DeterministicRandom random;
    private readonly int[] resident;
    private readonly int[] positionOf;
    private int count;

    /// <summary>Creates the policy for frames 0 … <paramref name="capacity"/>−1, drawing from <paramref name="random"/>.</summary>
    public RandomPolicy(int capacity, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        this.random = random;
        resident = new int[capacity];
        positionOf = new int[capacity];
        Array.Fill(positionOf, -1);
    }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public void Loaded(int frame)
    {
        positionOf[frame] = count;
        resident[count++] = frame;
    }

    /// <inheritdoc />
    public void Accessed(int frame)
    {
    }

    /// <inheritdoc />
    public void Removed(int frame)
    {
        var position = positionOf[frame];
        if (position < 0)
        {
            return;
        }

        var last = resident[--count];
        resident[position] = last;
        positionOf[last] = position;
        positionOf[frame] = -1;
    }

    /// <inheritdoc />
    public int ChooseVictim()
    {
        if (count == 0)
        {
            throw new InvalidOperationException("No page is resident, so there is nothing to evict.");
        }

        var victim = resident[random.NextInt(count)];
        Removed(victim);
        return victim;
    }
}
