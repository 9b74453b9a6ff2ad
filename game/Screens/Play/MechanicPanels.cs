using VmQuest.Levels.Model;
using VmQuest.Screens.Play.Panels;

namespace VmQuest.Screens.Play;

/// <summary>The panel of each mechanic: the one place a mechanic's panel is registered.</summary>
public static class MechanicPanels
{
    /// <summary>A new panel for <paramref name="mechanic"/>, or null while that mechanic has none.</summary>
    public static IMechanicPanel? For(Mechanic mechanic) => mechanic switch
    {
        Mechanic.Schedule => new SchedulePanel(),
        _ => null,
    };
}
