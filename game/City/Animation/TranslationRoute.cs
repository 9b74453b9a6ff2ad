using VmQuest.Engine.Kernel;

namespace VmQuest.City.Animation;

/// <summary>
/// The road a translation takes (DESIGN.md §6): from city hall (CR3) through the address bureau — the page-table
/// frame read at each level (PGD → PUD → PMD → PT on x86-64) — to the lot. Recomputed in the update phase for the
/// newest fault, by reading the process's tables the way the MMU walks them; fixed-size, so it never allocates.
/// </summary>
public sealed class TranslationRoute
{
    private const int MaxStops = 8;

    private readonly long[] _stops = new long[MaxStops];

    /// <summary>Number of stops: the table frames, then the data frame. 0 when there is no route.</summary>
    public int Count { get; private set; }

    /// <summary>The frames visited, in order (tables from the root down, then the page's frame).</summary>
    public ReadOnlySpan<long> Stops => _stops.AsSpan(0, Count);

    /// <summary>How many rendered frames ago the route was taken (the courier's progress).</summary>
    public int Age { get; private set; }

    /// <summary>Follows the newest fault in <paramref name="animations"/>, if any.</summary>
    public void Update(KernelCore kernel, CityAnimations animations)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(animations);
        CityEffect? newest = null;
        foreach (var effect in animations.Effects)
        {
            if (effect.Kind is CityEffectKind.Fault or CityEffectKind.CowCopy && (newest is null || effect.Age < newest.Value.Age))
            {
                newest = effect;
            }
        }

        Count = 0;
        if (newest is not { } fault || !kernel.Exists(fault.Pid) || kernel.MemoryOf(fault.Pid).Mm is null)
        {
            return;
        }

        Age = fault.Age;
        var machine = kernel.Machine.Description;
        var memory = kernel.Machine.Memory;
        var table = kernel.MemoryOf(fault.Pid).Root;
        for (var level = 0; level < machine.Levels.Count && Count < MaxStops - 1; level++)
        {
            _stops[Count++] = (long)(table >> machine.PageShift);
            var entry = memory.Read(table + (machine.IndexOf(fault.Va, level) * (ulong)machine.Pte.WidthBytes), machine.Pte.WidthBytes);
            if (!machine.Pte.IsPresent(entry))
            {
                return;
            }

            table = machine.Pte.FrameOf(entry) << machine.PageShift;
        }

        _stops[Count++] = fault.Frame;
    }
}
