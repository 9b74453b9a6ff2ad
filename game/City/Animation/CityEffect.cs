namespace VmQuest.City.Animation;

/// <summary>What a short-lived effect on the city shows.</summary>
public enum CityEffectKind : byte
{
    /// <summary>A page fault put a page in this lot: the lot flashes in the fault colour, a courier runs from city hall.</summary>
    Fault,

    /// <summary>A copy-on-write break copied a page into this lot.</summary>
    CowCopy,

    /// <summary>The lot's page was evicted: the house sails to the harbour (swap).</summary>
    Eviction,
}

/// <summary>One effect: where, what, and how many rendered frames old it is.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Frame">The physical frame it happened to.</param>
/// <param name="Pid">The process involved (0 when unknown).</param>
/// <param name="Age">Rendered frames since it started.</param>
/// <param name="Tick">The animation tick (count of collected ticks) it came from.</param>
/// <param name="Va">The virtual address involved (faults), else 0.</param>
public readonly record struct CityEffect(CityEffectKind Kind, long Frame, int Pid, int Age, long Tick, ulong Va = 0);
