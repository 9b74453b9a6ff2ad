using VmQuest.Levels.Model;
using VmQuest.Screens.Play.Panels;

namespace VmQuest.Screens.Play;

/// <summary>The panel of each mechanic: the one place a mechanic's panel is registered.</summary>
public static class MechanicPanels
{
    /// <summary>A new panel for <paramref name="mechanic"/>, or null while that mechanic has none.</summary>
    public static IMechanicPanel? For(Mechanic mechanic) => mechanic switch
    {
        Mechanic.Translate => new TranslatePanel(),
        Mechanic.Policy => new Panels.PolicyPanel(),
        Mechanic.Victim => new Panels.VictimPanel(),
        Mechanic.Permissions => new Panels.PermissionsPanel(),
        Mechanic.ElfLayout => new Panels.ElfLayoutPanel(),
        Mechanic.FaultAction => new Panels.FaultActionPanel(),
        Mechanic.Schedule => new SchedulePanel(),
        _ => null,
    };
}
