using System.Numerics;
using VmQuest.City.Hud;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Memory;
using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// Transparent huge pages in the physical city: a huge page's 512 contiguous, 2 MiB-aligned frames are exactly one
/// district, so each is drawn as one block — a frame around the district and a label saying what it is (mapped by
/// one PMD, or split into PTEs but still one folio), whose it is and where, and the huge zero page likewise.
/// Allocation-free: one frame-table read per district, the text in a stack buffer.
/// </summary>
public static class HugePageOverlay
{
    private const float MinLabelWidth = 90;

    /// <summary>Outlines and labels the huge pages among the districts visible through <paramref name="camera"/>.</summary>
    public static void Draw(IRenderBackend backend, CityGrid grid, Camera2D camera, RectF city, KernelCore kernel)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(kernel);
        var frames = kernel.HugePageFrames;
        if (frames == 0 || (ulong)grid.LotsPerDistrict != frames || (kernel.DepositedTables == 0 && kernel.HugeZeroPageFrame is null && kernel.Counters.ThpFaultAlloc == 0))
        {
            return;
        }

        Span<char> text = stackalloc char[96];
        for (var district = 0; district < grid.Districts; district++)
        {
            var first = (ulong)district * frames;
            if (first >= (ulong)kernel.Frames.Count)
            {
                break;
            }

            var zero = kernel.IsHugeZeroPage(first);
            if (!zero && !(kernel.Frames.IsHugeFolio(first) && kernel.Frames.UseOf(first) == FrameUse.Anonymous))
            {
                continue;
            }

            var screen = camera.WorldToScreen(grid.DistrictLots(district));
            if (screen.Right < city.X || screen.X > city.Right || screen.Bottom < city.Y || screen.Y > city.Bottom)
            {
                continue;
            }

            var colour = zero ? Palette.Kernel : Palette.Highlight;
            backend.DrawRect(new RectF(screen.X - 1, screen.Y - 1, screen.Width + 2, screen.Height + 2), colour, 3);
            if (screen.Width < MinLabelWidth || !Label(kernel, first, zero, text, out var written))
            {
                continue;
            }

            // A narrow block gets the short label: what it is, without whose and where.
            if ((written * 6.6f) + 16 > screen.Width)
            {
                var cut = ((ReadOnlySpan<char>)text[..written]).IndexOf(" · pid".AsSpan(), StringComparison.Ordinal);
                written = cut > 0 ? cut : written;
            }

            // At the block's foot: its head carries the district's own label.
            var at = new Vector2(Math.Max(screen.X + 4, city.X + 2), Math.Min(screen.Bottom - 20, city.Bottom - 40));
            backend.FillRect(new RectF(at.X, at.Y, (written * 6.6f) + 8, 16), Palette.HudBackground.WithAlpha(225));
            backend.DrawDynamicText(text[..written], new Vector2(at.X + 4, at.Y + 1), 12, Palette.HudText);
        }
    }

    // "huge page 2 MiB · 大页 · PMD · pid 3 0x7ffff7a00000" (or "split into PTEs · 已拆分"), "huge zero page 2 MiB · 大零页".
    private static bool Label(KernelCore kernel, ulong first, bool zero, Span<char> text, out int written)
    {
        var mib = kernel.HugePageSize >> 20;
        if (zero)
        {
            return text.TryWrite(TextSpan.Culture, $"huge zero page {mib} MiB · 大零页", out written);
        }

        var owner = kernel.Frames.OwnerOf(first);
        var va = kernel.Frames.VirtualAddressOf(first);
        var pmd = MappedByPmd(kernel, owner, va, first);
        return pmd
            ? text.TryWrite(TextSpan.Culture, $"huge page {mib} MiB · 大页 · PMD · pid {owner} 0x{va:x}", out written)
            : text.TryWrite(TextSpan.Culture, $"huge page {mib} MiB, split into PTEs · 大页(已拆分) · pid {owner}", out written);
    }

    // Whether pid's PMD for va is a huge leaf mapping the block that starts at first.
    private static bool MappedByPmd(KernelCore kernel, int pid, ulong va, ulong first)
    {
        if (pid == 0 || !kernel.Exists(pid) || kernel.MemoryOf(pid).Mm is null)
        {
            return false;
        }

        var slot = kernel.Walks.HugeSlot(kernel.MemoryOf(pid).Root, va);
        if (slot == PageTableWalks.NoSlot)
        {
            return false;
        }

        var entry = kernel.Machine.Memory.Read(slot, kernel.Machine.Description.Pte.WidthBytes);
        return kernel.Walks.IsHugeLeaf(kernel.Walks.HugeLevel, entry) && kernel.Machine.Description.Pte.FrameOf(entry) == first;
    }
}
