using System.Numerics;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The TLB board: valid entries (VPN → PFN, permissions, PCID) and the express lane — the share of translations
/// the TLB answered without a page walk. Entries come from a snapshot refreshed by the view's update, not read
/// here, so drawing stays allocation-free.
/// </summary>
public static class TlbBoard
{
    /// <summary>Entry rows shown at most.</summary>
    public const int MaxRows = 6;

    private const float RowHeight = 16;

    /// <summary>Height the board needs.</summary>
    public static float Height => 62 + ((MaxRows + 1) * RowHeight);

    /// <summary>The board's tooltip: what its rows, letters and bar mean, in the machine's own words.</summary>
    public static IReadOnlyList<string> Explanation(MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return
        [
            $"TLB: the MMU's cache of recent translations ({machine.Tlb.Entries} entries, {machine.Tlb.Ways}-way)",
            "each row: virtual page (VPN) → physical frame (PFN), then W writable, U user, NX no-execute",
            $"{machine.AddressSpaceId}: the address-space tag, so a switch need not flush the TLB",
            "express lane: share of accesses the TLB answered without a page walk",
        ];
    }

    /// <summary>Draws the board at <paramref name="area"/>'s top-left.</summary>
    public static void Draw(IRenderBackend backend, RectF area, MachineState machine, IReadOnlyList<TlbEntryView> entries)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(entries);
        var mmu = machine.Mmu;
        var lookups = mmu.TlbHits + mmu.TlbMisses;
        var hitRate = lookups == 0 ? 0 : mmu.TlbHits / (double)lookups;
        Span<char> text = stackalloc char[96];
        var ok = text.TryWrite(TextSpan.Culture, $"TLB board (快表) · {entries.Count}/{machine.Description.Tlb.Entries} valid", out var written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, area.Y), 16, Palette.Text);

        // Express lane: a bar split into TLB hits (sky blue) and page walks through the bureau (grey).
        var lane = new RectF(area.X, area.Y + 24, area.Width - 12, 10);
        backend.FillRect(lane, Palette.PageTableBureau);
        backend.FillRect(lane with { Width = (float)(lane.Width * hitRate) }, Palette.Tlb);
        ok = text.TryWrite(TextSpan.Culture, $"express lane {hitRate:P1} hits · walks {mmu.TlbMisses:N0}", out written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, area.Y + 38), 13, Palette.TextDim);

        var top = area.Y + 58;
        var asid = machine.Description.AddressSpaceId;
        for (var i = 0; i < MaxRows && i < entries.Count; i++)
        {
            var e = entries[i];
            ok = text.TryWrite(TextSpan.Culture,
                $"VPN {e.VirtualBase >> e.PageShift:x9} → PFN {e.PhysicalBase >> e.PageShift:x5} {(e.Writable ? "W" : "-")}{(e.User ? "U" : "-")} {(e.NoExecute ? "NX" : "X ")} {asid} {e.Pcid}",
                out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, top + (i * RowHeight)), 13, Palette.Tlb);
        }

        if (entries.Count > MaxRows)
        {
            ok = text.TryWrite(TextSpan.Culture, $"… {entries.Count - MaxRows} more", out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, top + (MaxRows * RowHeight)), 13, Palette.TextDim);
        }
    }
}
