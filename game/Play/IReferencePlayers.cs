using VmQuest.Levels.Model;

namespace VmQuest.Play;

/// <summary>
/// The two scripted players every mechanic provides for its levels: the reference player, whose run is the level's
/// checked-in solution and must meet every par, and Linux's defaults, whose run must miss at least one par (a level
/// the kernel's own decisions already win is not worth playing). Tests hold every shipped level to both.
/// </summary>
public interface IReferencePlayers
{
    /// <summary>Plays <paramref name="level"/> to a win as the reference solution does (the optimum where one is computed).</summary>
    LevelSession PlayReference(Level level, ulong seed = 0);

    /// <summary>Plays <paramref name="level"/> to its end with the decisions Linux (or the textbook's default) would make.</summary>
    LevelSession PlayDefault(Level level, ulong seed = 0);
}
