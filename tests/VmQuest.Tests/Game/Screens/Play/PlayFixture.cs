using System.Numerics;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Replays;
using VmQuest.Screens.Play;
using VmQuest.Screens.Play.Panels;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Screens.Play;

/// <summary>The shipped victim level on a play screen, headless, with helpers to act as a player would.</summary>
internal sealed class PlayFixture : IDisposable
{
    public PlayFixture(UiContext? ui = null)
    {
        Level = ShippedLevels.Belady();
        Progress = new FakeProgress();
        Screen = PlayScreen.Open(Level, Progress);
        Driver = new ScreenDriver(Screen, ui);
    }

    public Level Level { get; }

    public FakeProgress Progress { get; }

    public PlayScreen Screen { get; }

    public ScreenDriver Driver { get; }

    public VictimSession Session => (VictimSession)Screen.Play.Session;

    public VictimPanel Panel => (VictimPanel)Screen.Panel!;

    /// <summary>The shipped reference solution of the level.</summary>
    public ReplayFile Solution => ReplayReader.Read(Path.Combine(Level.Folder, "belady.solution.vmqr"));

    /// <summary>Presses the number key of the row that holds <paramref name="frame"/>.</summary>
    public void EvictByKey(ulong frame)
    {
        var rows = VictimPanel.RowsOf(Session);
        var index = rows.ToList().FindIndex(r => r.Frame == frame);
        Assert.True(index >= 0, $"frame {frame} is not a resident row");
        Driver.Press(VmQuest.Platform.Key.D1 + index);
    }

    /// <summary>Where lot <paramref name="frame"/> is on screen.</summary>
    public Vector2 LotCentre(ulong frame)
    {
        var view = Screen.City!.View;
        var origin = view.Grid.LotOrigin((long)frame);
        return view.Camera.WorldToScreen(origin + new Vector2(0.5f, 0.5f));
    }

    /// <summary>Plays the reference solution's decisions with the number keys.</summary>
    public void PlaySolution()
    {
        foreach (var action in Solution.Actions.Where(a => a.Kind == "victim"))
        {
            EvictByKey(ulong.Parse(action.Arguments[0].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public void Dispose() => Driver.Dispose();
}
