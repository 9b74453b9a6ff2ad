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

            // A narrow block gets the short label (what it is, without whose and where), a narrower one the compact.
            if (Width(text[..written]) + 16 > screen.Width)
            {
                var cut = ((ReadOnlySpan<char>)text[..written]).IndexOf(" · pid".AsSpan(), StringComparison.Ordinal);
                written = cut > 0 ? cut : written;
            }

            if (Width(text[..written]) + 16 > screen.Width && !Compact(kernel, first, zero, text, out written))
            {
                continue;
            }

            // At the block's foot: its head carries the district's own label.
            var at = new Vector2(Math.Max(screen.X + 4, city.X + 2), Math.Min(screen.Bottom - 20, city.Bottom - 40));
            backend.FillRect(new RectF(at.X, at.Y, Width(text[..written]) + 8, 16), Palette.HudBackground.WithAlpha(225));
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

    // The label's width at 12 px: about 6.6 px a Latin character, 12 a CJK one (the font's full-width glyphs).
    private static float Width(ReadOnlySpan<char> label)
    {
        var width = 0f;
        foreach (var c in label)
        {
            width += c >= '\u2E80' ? 12f : 6.6f;
        }

        return width;
    }

    // The fewest words that still say what the block is: "PMD 2 MiB · 大页", "split · 已拆分", "zero 2 MiB · 大零页".
    private static bool Compact(KernelCore kernel, ulong first, bool zero, Span<char> text, out int written)
    {
        var mib = kernel.HugePageSize >> 20;
        var owner = kernel.Frames.OwnerOf(first);
        return zero
            ? text.TryWrite(TextSpan.Culture, $"zero {mib} MiB · 大零页", out written)
            : MappedByPmd(kernel, owner, kernel.Frames.VirtualAddressOf(first), first)
                ? text.TryWrite(TextSpan.Culture, $"PMD {mib} MiB · 大页", out written)
                : text.TryWrite(TextSpan.Culture, $"split · 已拆分", out written);
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
