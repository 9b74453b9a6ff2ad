namespace VmQuest.Speedrun;

/// <summary>
/// Hears what a <see cref="SpeedrunClock"/> does, in order (a LiveSplit connection, the records). Calls come on the
/// thread that drives the clock, the game's main thread; a listener must return quickly and never throw.
/// </summary>
public interface ISpeedrunListener
{
    /// <summary>The run started (the first input of its first level).</summary>
    void Started();

    /// <summary>The clock left gameplay for a menu, briefing, results screen or loading: load-removed time stops.</summary>
    void LoadStarted();

    /// <summary>Gameplay resumed: load-removed time runs again.</summary>
    void LoadEnded();

    /// <summary>A segment (level) ended with these cumulative figures; <paramref name="index"/> counts from 0.</summary>
    void Split(int index, SplitTime cumulative);

    /// <summary>The run was abandoned; nothing of it counts.</summary>
    void Reset();
}
