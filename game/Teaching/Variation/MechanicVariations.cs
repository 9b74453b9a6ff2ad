using VmQuest.Levels.Model;

namespace VmQuest.Teaching.Variation;

/// <summary>The variation of each mechanic, one line each: the one place a mechanic says how its levels vary per student.</summary>
public static class MechanicVariations
{
    /// <summary>The variation of <paramref name="mechanic"/> (a level's first mechanic, the one its session plays).</summary>
    public static IMechanicVariation Of(Mechanic mechanic) => mechanic switch
    {
        Mechanic.Victim => TraceVariation.Instance,
        Mechanic.Policy => TraceVariation.Instance,
        Mechanic.Translate => TranslateVariation.Instance,
        _ => IdentityOnlyVariation.Instance,
    };
}
