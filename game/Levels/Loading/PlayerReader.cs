using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>Reads <c>player: { mechanics: [...], frame-placement: false }</c>.</summary>
internal static class PlayerReader
{
    public static LevelPlayer Read(LevelNode node)
    {
        var map = node.Map("the player's decisions", "mechanics", "frame-placement");
        var mechanics = new List<Mechanic>();
        foreach (var item in map.Required("mechanics", "a list of mechanics").List("mechanics", 1, Mechanics.Names.Count))
        {
            string name = item.Choice("a mechanic", Mechanics.Names);
            var mechanic = (Mechanic)Mechanics.Names.ToList().IndexOf(name);
            if (mechanics.Contains(mechanic))
            {
                throw item.Error($"the mechanic '{name}' is listed twice");
            }

            mechanics.Add(mechanic);
        }

        bool placement = false;
        if (map.Optional("frame-placement") is { } placementNode)
        {
            placement = placementNode.Boolean();
            if (placement && !mechanics.Contains(Mechanic.FaultAction))
            {
                throw placementNode.Error("frame placement is part of handling the fault: list 'fault-action' in mechanics too");
            }
        }

        mechanics.Sort();
        return new LevelPlayer(mechanics, placement);
    }
}
