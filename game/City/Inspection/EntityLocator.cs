using System.Globalization;
using VmQuest.Engine.Ecs;
using VmQuest.Engine.Kernel;

namespace VmQuest.City.Inspection;

/// <summary>
/// Finds the entity an <see cref="InspectTarget"/> names in a kernel's world: the one place that knows which kernel
/// lookup serves which kind. It first checks what the kernel can answer today (the pid exists, the frame is on the
/// machine, a VMA holds the address), so a mistyped target says what is wrong rather than "not an entity".
/// </summary>
public sealed class EntityLocator(KernelCore kernel)
{
    private readonly KernelCore _kernel = kernel;

    /// <summary>The world the entities live in.</summary>
    public World World => _kernel.World;

    /// <summary>Looks <paramref name="target"/> up.</summary>
    public EntityLookup Find(InspectTarget target)
    {
        var title = target.Title;
        switch (target.Kind)
        {
            case InspectKind.Process:
                return target.Number <= int.MaxValue && _kernel.Exists((int)target.Number)
                    ? EntityLookup.Of(title, _kernel.EntityOf((int)target.Number))
                    : EntityLookup.Missing(title, Say($"no process has pid {target.Number}"));
            case InspectKind.Frame:
                if ((ulong)target.Number >= (ulong)_kernel.Frames.Count)
                {
                    return EntityLookup.Missing(title, Say($"the machine has frames 0 to {_kernel.Frames.Count - 1}"));
                }

                return Wired(title, FrameEntity((ulong)target.Number), "no entity for that frame");
            case InspectKind.Vma:
            case InspectKind.Pte:
                var pid = (int)target.Number;
                if (!_kernel.Exists(pid) || _kernel.MemoryOf(pid).Mm is not { } mm)
                {
                    return EntityLookup.Missing(title, Say($"pid {pid} has no address space"));
                }

                if (mm.Vmas.Find(target.Address) is null)
                {
                    return EntityLookup.Missing(title, Say($"pid {pid} has no VMA at 0x{target.Address:x}"));
                }

                return target.Kind == InspectKind.Vma
                    ? Wired(title, VmaEntity(pid, target.Address), "no VMA entity there")
                    : Wired(title, PteEntity(pid, target.Address), "no PTE there: the page is not present and not in swap");
            default:
                return target.Number <= int.MaxValue && World.TryFindLive((int)target.Number, out var entity)
                    ? EntityLookup.Of(TitleOf(title, entity), entity) with { Hardware = RawPteEntry.LineOf(_kernel, entity) }
                    : EntityLookup.Missing(title, Say($"no live entity has id {target.Number}"));
        }
    }

    // A frame entity stores no number (it is its place in the frame block), so an id typed by a person says which frame it is.
    private string TitleOf(string title, Entity entity) =>
        _kernel.Frames.Block.IndexOf(entity) is >= 0 and var frame ? Say($"{title} (frame {frame})") : title;

    private Entity FrameEntity(ulong frame) => _kernel.FrameEntity(frame);

    private Entity VmaEntity(int pid, ulong va) => _kernel.VmaEntityAt(pid, va);

    private Entity PteEntity(int pid, ulong va) => _kernel.PteEntityAt(pid, va);

    // The kernel answers Entity.Null when there is none.
    private EntityLookup Wired(string title, Entity entity, string none) => entity switch
    {
        { IsNull: true } => EntityLookup.Missing(title, none),
        { } found when !World.IsAlive(found) => EntityLookup.Missing(title, none),
        { } found => EntityLookup.Of(title, found) with { Hardware = RawPteEntry.LineOf(_kernel, found) },
    };

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
