using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Speedrun;

namespace VmQuest.Progress;

/// <summary>
/// What the screens tell the rest of the game as the player moves through it, and what they ask of the records:
/// the speedrun clocks (real time from the first input; load-removed time stops on menus, briefings, results and
/// loading), the records database, the optional LiveSplit Server connection and the campaign run's splits.
/// </summary>
/// <remarks>
/// The screens call it in this order for a level: <see cref="MenuEntered"/>/<see cref="MenuLeft"/> as menu screens
/// come and go; <see cref="LevelStarted"/> when the play screen opens; <see cref="PlayerActed"/> on every input of
/// the play screen (the first starts the timer); <see cref="LevelFinished"/> when the session is over;
/// <see cref="LevelAbandoned"/> when the player leaves a level unfinished (a retry counts as an attempt of the run).
/// A campaign run wraps its levels in <see cref="CampaignStarted"/> … (the last level won, or
/// <see cref="CampaignAbandoned"/>). Implementations never throw for a records problem: they report it in
/// <see cref="LevelResult.Note"/> and <see cref="StatusNote"/>.
/// </remarks>
public interface IGameProgress : IDisposable
{
    /// <summary>How <paramref name="level"/> stands (for the level-select screen).</summary>
    LevelStanding StandingOf(Level level);

    /// <summary>A menu, briefing, results or loading screen came on top: load-removed time stops.</summary>
    void MenuEntered();

    /// <summary>The play screen is on top again: load-removed time runs.</summary>
    void MenuLeft();

    /// <summary>The play screen opened <paramref name="level"/> (a new attempt).</summary>
    void LevelStarted(Level level);

    /// <summary>The player gave an input on the play screen (the first one starts the speedrun timer).</summary>
    void PlayerActed();

    /// <summary>The session is over: the attempt is recorded (with its replay when won) and the results returned.</summary>
    LevelResult LevelFinished(LevelSession session);

    /// <summary>The player left the level unfinished (back to the menu, or a restart).</summary>
    void LevelAbandoned(LevelSession session);

    /// <summary>Writes the attempt's replay to <paramref name="path"/> (atomically); returns the path written or throws an OutputFileException.</summary>
    string SaveReplay(LevelResult result, string path);

    /// <summary>
    /// A campaign run begins: one timer across <paramref name="levels"/> in order, retries included, one split per
    /// level when it is won. The timer starts at the first input of the first level; an unfinished run is reset.
    /// </summary>
    void CampaignStarted(string campaign, IReadOnlyList<Level> levels)
    {
    }

    /// <summary>The player gave up the campaign run (back to the title, quit): the run is reset.</summary>
    void CampaignAbandoned()
    {
    }

    /// <summary>The level the campaign run plays next (its current segment's), or null when no run is going.</summary>
    Level? CampaignNextLevel => null;

    /// <summary>The running timer's figures now (the campaign's when one runs, else the level attempt's), for a HUD.</summary>
    SplitTime Timer => default;

    /// <summary>One line for the title screen about the records or LiveSplit (refused, moved aside, unreachable), or null.</summary>
    string? StatusNote => null;
}
