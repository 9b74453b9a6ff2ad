using VmQuest.Engine.Kernel.Memory;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel;

/// <summary>
/// The shared zero page (Linux's <c>empty_zero_page</c>, named by <c>my_zero_pfn</c>): one zero-filled frame that
/// every read fault on private anonymous memory maps read-only. Linux's is part of the kernel image; here the frame
/// is taken the first time a read fault needs it (so a run that never reads untouched memory keeps its frame
/// numbers), then kept for good as a reserved frame: never written, evicted or freed, and not counted per mapping.
/// </summary>
public sealed partial class KernelCore
{
    private ulong _zeroPage = NoZeroPage;

    private const ulong NoZeroPage = ulong.MaxValue;

    /// <summary>The zero page's frame, or null until the first read fault on private anonymous memory makes it.</summary>
    public ulong? ZeroPageFrame => _zeroPage == NoZeroPage ? null : _zeroPage;

    /// <summary>True when <paramref name="frame"/> is the zero page (Linux's <c>is_zero_pfn</c>).</summary>
    public bool IsZeroPage(ulong frame) => frame == _zeroPage;

    /// <summary>
    /// Whether a fault for <paramref name="access"/> (as the handler acts on it) on an untouched page of
    /// <paramref name="area"/> maps the zero page: a read of private anonymous memory, when the kernel has it
    /// (<see cref="KernelOptions.ZeroPage"/>) and the machine can write-protect the PTE (otherwise every touch is
    /// handled as a write, see <see cref="Faults.HandleMmFault.EffectiveAccess"/>).
    /// </summary>
    internal bool MapsZeroPage(in VmArea area, AccessKind access) =>
        Options.ZeroPage && access != AccessKind.Write && !area.Shared && !area.IsFileBacked && CanWriteProtect;

    /// <summary>
    /// The zero page's frame, made now if it is not yet (a free frame, reclaiming one if memory is full). False when
    /// no frame could be had: the caller then maps a private zeroed page instead.
    /// </summary>
    internal bool TryGetZeroPage(out ulong frame)
    {
        if (_zeroPage == NoZeroPage)
        {
            if (!ReclaimUntilFree(1))
            {
                frame = 0;
                return false;
            }

            var taken = Machine.Frames.Allocate();
            Machine.Memory.ClearFrame(taken);
            Frames.TakeForZeroPage(taken);
            ReservedFrames++;
            _zeroPage = taken;
        }

        frame = _zeroPage;
        return true;
    }
}
