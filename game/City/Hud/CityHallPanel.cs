using System.Numerics;
using VmQuest.City.Animation;
using VmQuest.City.Physical;
using VmQuest.Engine.Kernel;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// City hall: which process's page table the root register (CR3, satp — named by the machine) points at, and the
/// process register with the key beside the running one. On a context switch the key slides from the old row to
/// the new one. Columns sit at fixed offsets wide enough for 7-digit pids, so no number runs into the next column.
/// </summary>
public static class CityHallPanel
{
    /// <summary>Process rows shown at most.</summary>
    public const int MaxRows = 5;

    private const float RowHeight = 18;
    private const float TextSize = 13;

    // Column starts, measured for the widest content at 13 px: "pid 1234567", a 10-character name, "Running".
    private const float PidColumn = 42, NameColumn = 124, StateColumn = 214, VmaColumn = 284;

    /// <summary>Height the panel needs for <paramref name="processes"/> processes.</summary>
    public static float HeightFor(int processes) =>
        50 + (Math.Min(MaxRows, processes) * RowHeight) + (processes > MaxRows ? 18 : 0);

    /// <summary>The pid of the row under <paramref name="point"/>, or null.</summary>
    public static int? PidAt(RectF area, KernelCore kernel, Vector2 point)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var pids = kernel.Pids;
        var first = FirstRow(pids, kernel.CurrentPid);
        var top = area.Y + 46;
        for (var row = 0; row < MaxRows && first + row < pids.Count; row++)
        {
            var y = top + (row * RowHeight);
            if (point.X >= area.X && point.X < area.Right && point.Y >= y && point.Y < y + RowHeight)
            {
                return pids[first + row];
            }
        }

        return null;
    }

    /// <summary>Draws the panel with its top-left at <paramref name="area"/>'s corner; <paramref name="selectedPid"/>'s row is outlined.</summary>
    public static void Draw(IRenderBackend backend, RectF area, KernelCore kernel, CityAnimations animations, int selectedPid = 0)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(animations);
        var register = kernel.Machine.Description.RootRegister;
        Span<char> text = stackalloc char[96];
        var ok = text.TryWrite(TextSpan.Culture, $"City hall · {register} (市政厅)", out var written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, area.Y), 16, Palette.Text);
        var current = kernel.CurrentPid;
        var name = current != 0 && kernel.Exists(current) ? kernel.Info(current).Name : "nobody";
        ok = current == 0
            ? text.TryWrite(TextSpan.Culture, $"{register} = 0x{kernel.Machine.Mmu.Cr3:x9} · no process running", out written)
            : text.TryWrite(TextSpan.Culture, $"{register} = 0x{kernel.Machine.Mmu.Cr3:x9} → pid {current} {name}", out written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(area.X, area.Y + 22), 14, Palette.Kernel);

        var pids = kernel.Pids;
        var first = FirstRow(pids, current);
        var top = area.Y + 46;
        float? fromY = null, toY = null;
        backend.SetClip(new RectF(area.X, area.Y, area.Width, HeightFor(pids.Count)));
        for (var row = 0; row < MaxRows && first + row < pids.Count; row++)
        {
            var pid = pids[first + row];
            var y = top + (row * RowHeight);
            var info = kernel.Info(pid);
            var colour = pid == current ? Palette.HudText : Palette.TextDim;
            if (pid == selectedPid)
            {
                backend.DrawRect(new RectF(area.X + 22, y, area.Width - 24, RowHeight), Palette.Highlight, 1);
            }

            backend.FillRect(new RectF(area.X + 26, y + 3, 10, 10), LotColours.OwnerOf(pid));
            ok = text.TryWrite(TextSpan.Culture, $"pid {pid}", out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X + PidColumn, y), TextSize, colour);
            var shown = info.Name.Length > 10 ? info.Name.AsSpan(0, 10) : info.Name.AsSpan();
            backend.DrawDynamicText(shown, new Vector2(area.X + NameColumn, y), TextSize, colour);
            backend.DrawDynamicText(StateWord(info.State), new Vector2(area.X + StateColumn, y), TextSize, colour);
            var vmas = kernel.MemoryOf(pid).Mm?.Vmas.Count ?? 0;
            ok = text.TryWrite(TextSpan.Culture, $"{vmas} VMAs", out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X + VmaColumn, y), TextSize, colour);
            fromY = pid == animations.KeyFrom ? y : fromY;
            toY = pid == animations.KeyTo ? y : toY;
        }

        if (pids.Count > MaxRows)
        {
            ok = text.TryWrite(TextSpan.Culture, $"… {pids.Count - MaxRows} more (the running one is always listed)", out written);
            TextSpan.Draw(backend, text, ok, written, new Vector2(area.X + PidColumn, top + (MaxRows * RowHeight)), 12, Palette.TextDim);
        }

        backend.SetClip(null);
        if (toY is { } target && current != 0)
        {
            var t = animations.KeyAge / (float)CityAnimations.KeyTravel;
            var keyY = fromY is { } start ? start + ((target - start) * t) : target;
            DrawKey(backend, new Vector2(area.X + 2, keyY + 3));
        }
    }

    private static string StateWord(Engine.Kernel.Processes.ProcessState state) => state switch
    {
        Engine.Kernel.Processes.ProcessState.Running => "running",
        Engine.Kernel.Processes.ProcessState.Ready => "ready",
        Engine.Kernel.Processes.ProcessState.Blocked => "blocked",
        Engine.Kernel.Processes.ProcessState.Suspended => "suspended",
        _ => "zombie",
    };

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
