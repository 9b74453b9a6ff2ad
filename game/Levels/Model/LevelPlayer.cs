namespace VmQuest.Levels.Model;

/// <summary>
/// Which of the kernel's decisions are the player's. Invariants: at least one mechanic, none twice, listed in
/// <see cref="Mechanic"/> order; <see cref="FramePlacement"/> only with <see cref="Mechanic.FaultAction"/>.
/// </summary>
/// <param name="Mechanics">The player's mechanics.</param>
/// <param name="FramePlacement">Whether the player also picks the free frame a faulting page goes to.</param>
public sealed record LevelPlayer(IReadOnlyList<Mechanic> Mechanics, bool FramePlacement)
{
    /// <summary>Whether <paramref name="mechanic"/> is the player's.</summary>
    public bool Has(Mechanic mechanic) => Mechanics.Contains(mechanic);
}
