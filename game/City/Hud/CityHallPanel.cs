using System.Numerics;
using VmQuest.City.Animation;
using VmQuest.City.Physical;
using VmQuest.Engine.Kernel;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// City hall: which process's page table CR3 points at, and the process register with the key beside the
/// running one. On a context switch the key slides from the old row to the new one.
/// </summary>
public sealed class CityHallPanel
{
    /// <summary>Process rows shown at most.</summary>
    public const int MaxRows = 7;

    private const float RowHeight = 18;

    /// <summary>Height the panel needs for <paramref name="processes"/> processes.</summary>
    public static float HeightFor(int processes) =>
        50 + (Math.Min(MaxRows, processes) * RowHeight) + (processes > MaxRows ? 18 : 0);

    /// <summary>Draws the panel with its top-left at <paramref name="area"/>'s corner.</summary>
    public static void Draw(IRenderBackend backend, RectF area, KernelCore kernel, CityAnimations animations)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(animations);
        backend.DrawText("City hall · CR3 (市政厅)", new Vector2(area.X, area.Y), 16, Palette.Text);
        Span<char> text = stackalloc char[96];
        var current = kernel.CurrentPid;
        var name = current != 0 && kernel.Exists(current) ? kernel.Info(current).Name : "nobody";
        var ok = text.TryWrite(TextSpan.Culture, $"CR3 = 0x{kernel.Machine.Mmu.Cr3:x9} → pid {current} {name}", out var written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, area.Y + 22), 14, Palette.Kernel);

        var pids = kernel.Pids;
        var first = FirstRow(pids, current);
        var top = area.Y + 46;
        float? fromY = null, toY = null;
        for (var row = 0; row < MaxRows && first + row < pids.Count; row++)
        {
            var pid = pids[first + row];
            var y = top + (row * RowHeight);
            var info = kernel.Info(pid);
            backend.FillRect(new RectF(area.X + 26, y + 3, 10, 10), LotColours.OwnerOf(pid));
            var vmas = kernel.MemoryOf(pid).Mm?.Vmas.Count ?? 0;
            ok = text.TryWrite(TextSpan.Culture, $"pid {pid,-3} {info.Name,-10} {info.State,-9} {vmas} VMAs", out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X + 42, y), 13, pid == current ? Palette.HudText : Palette.TextDim);
            fromY = pid == animations.KeyFrom ? y : fromY;
            toY = pid == animations.KeyTo ? y : toY;
        }

        if (pids.Count > MaxRows)
        {
            ok = text.TryWrite(TextSpan.Culture, $"… {pids.Count - MaxRows} more processes", out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X + 42, top + (MaxRows * RowHeight)), 13, Palette.TextDim);
        }

        if (toY is { } target && current != 0)
        {
            var t = animations.KeyAge / (float)CityAnimations.KeyTravel;
            var keyY = fromY is { } start ? start + ((target - start) * t) : target;
            DrawKey(backend, new Vector2(area.X + 2, keyY + 3));
        }
    }

    // Keeps the running process's row in view when there are more processes than rows.
    private static int FirstRow(IReadOnlyList<int> pids, int current)
    {
        var index = 0;
        for (var i = 0; i < pids.Count; i++)
        {
            index = pids[i] == current ? i : index;
        }

        return Math.Clamp(index - (MaxRows / 2), 0, Math.Max(0, pids.Count - MaxRows));
    }

    private static void DrawKey(IRenderBackend backend, Vector2 at)
    {
        // A key: bow (square ring) and blade with a bit, in the kernel colour.
        backend.DrawRect(new RectF(at.X, at.Y, 10, 10), Palette.Kernel, 2);
        backend.FillRect(new RectF(at.X + 10, at.Y + 4, 10, 2), Palette.Kernel);
        backend.FillRect(new RectF(at.X + 16, at.Y + 6, 2, 4), Palette.Kernel);
    }
}
