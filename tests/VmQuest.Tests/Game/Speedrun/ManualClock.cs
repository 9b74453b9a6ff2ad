using VmQuest.Platform;

namespace VmQuest.Tests.Game.Speedrun;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : IClock
{
    public TimeSpan Now { get; private set; }

    public void Advance(double seconds) => Now += TimeSpan.FromSeconds(seconds);
}
