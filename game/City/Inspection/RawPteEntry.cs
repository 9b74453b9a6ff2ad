using System.Globalization;
using VmQuest.City.Hud;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Ptes;

namespace VmQuest.City.Inspection;

/// <summary>
/// What a PTE entity names: the raw entry at its address, decoded. The entity keeps no copy of the frame or the flags
/// (the entry in simulated memory is the hardware's truth, which the walker reads and sets A and D in), so the
/// inspector reads them there to show what the page maps.
/// </summary>
public static class RawPteEntry
{
    /// <summary>One line for a PTE entity (null for any other entity).</summary>
    public static string? LineOf(KernelCore kernel, Entity entity)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        if (!kernel.World.IsAlive(entity) || !kernel.World.TryGet<PteLocation>(entity, out var location))
        {
            return null;
        }

        var layout = kernel.Machine.Description.Pte;
        var entry = kernel.Machine.Memory.Read(location.EntryAddress, layout.WidthBytes);
        var frame = layout.FrameOf(entry);
        return layout.IsPresent(entry)
            ? string.Create(CultureInfo.InvariantCulture, $"raw entry 0x{entry:x}: frame {frame} (0x{frame:x}), {PteText.Describe(layout.Decode(entry, lastLevel: true))}")
            : string.Create(CultureInfo.InvariantCulture, $"raw entry 0x{entry:x}: not present, swap slot {frame}");
    }
}
