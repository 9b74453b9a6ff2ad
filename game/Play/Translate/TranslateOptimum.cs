using VmQuest.Levels.Model;

namespace VmQuest.Play.Translate;

/// <summary>
/// The optimum of a translate level's <c>actions</c> (<c>computed: min-actions</c>): the sum over its translations of
/// the fewest actions each needs — one when the TLB holds the translation, else one per entry the walk reads plus the
/// answer. The player's clicks change neither the TLB nor the tables (the kernel makes the same accesses whatever is
/// clicked), so the reference player, which takes exactly that many, measures it.
/// </summary>
public static class TranslateOptimum
{
    /// <summary>The fewest actions that win <paramref name="level"/>.</summary>
    public static long MinActions(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return TranslatePlayers.Instance.PlayReference(level).Actions;
    }
}
