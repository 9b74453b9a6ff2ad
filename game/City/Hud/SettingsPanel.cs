using System.Globalization;
using System.Numerics;
using VmQuest.City.Simulation;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The sandbox's settings panel (O in the city): the machine configuration the flags set — architecture, frames,
/// processes, TLB entries and ways, PCID, swap, policy — each a row of choices. ↑ ↓ pick a row, ← → (or a click
/// on ◀ ▶) change it, Enter (or the Apply button) restarts the sandbox with them, Esc closes without change.
/// What runs (an ELF, workloads, a trace, an import) stays as it was.
/// </summary>
public sealed class SettingsPanel
{
    private const float Width = 560, RowHeight = 30, Top = 56;

    private static readonly long[] FrameChoices = [16, 32, 64, 128, 256, 1024, 4096, 16384, 65536, 262144, 1048576];
    private static readonly int[] ProcessChoices = [1, 2, 3, 4, 6, 8, 12, 16];
    private static readonly int?[] TlbEntryChoices = [null, 0, 4, 8, 16, 32, 64, 128, 256, 1024];
    private static readonly int?[] TlbWayChoices = [null, 1, 2, 4, 8, 16];
    private static readonly bool?[] PcidChoices = [null, true, false];
    private static readonly int[] SwapChoices = [0, 64, 1024, 16384, 262144, SandboxSettings.DefaultSwapPages];

    private SandboxSettings _settings = new();
    private int _row;

    /// <summary>The rows' names, in order (the first line of each row).</summary>
    public static IReadOnlyList<string> Rows { get; } =
        ["machine (机器)", "frames (页框)", "processes (进程)", "TLB entries (快表项)", "TLB ways (组相联)", "PCID", "swap pages (交换页)", "policy (置换策略)"];

    /// <summary>Whether the panel is open.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The configuration being edited.</summary>
    public SandboxSettings Settings => _settings;

    /// <summary>The highlighted row.</summary>
    public int Row => _row;

    /// <summary>Why the configuration cannot boot (<see cref="SandboxMachine.Validate"/>), or null.</summary>
    public string? Problem => SandboxMachine.Validate(_settings)
        ?? (RunsRealProgram(_settings) && SandboxScenario.RunsCompact(SandboxMachine.Describe(_settings), _settings.Frames)
            ? $"this sandbox runs an x86-64 program: it needs x86-64 or x86-64-la57 and at least {SandboxScenario.CompactBelowFrames} frames"
            : null);

    /// <summary>Opens the panel on <paramref name="current"/>.</summary>
    public void Open(SandboxSettings current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _settings = current;
        _row = 0;
        IsOpen = true;
    }

    /// <summary>Closes it.</summary>
    public void Close() => IsOpen = false;

    /// <summary>Moves the highlight by <paramref name="delta"/> rows (wrapping).</summary>
    public void MoveRow(int delta) => _row = ((_row + delta) % Rows.Count + Rows.Count) % Rows.Count;

    /// <summary>Changes the highlighted row's value to the next (<paramref name="delta"/> 1) or previous (−1) choice.</summary>
    public void Change(int delta)
    {
        var s = _settings;
        _settings = _row switch
        {
            0 => s with { Machine = Step(BuiltinMachines.Names.ToArray(), s.Machine, delta) },
            1 => s with { Frames = Step(FrameChoices, s.Frames, delta) },
            2 => s with { Processes = Step(ProcessChoices, s.Processes, delta) },
            3 => s with { TlbEntries = Step(TlbEntryChoices, s.TlbEntries, delta) },
            4 => s with { TlbWays = Step(TlbWayChoices, s.TlbWays, delta) },
            5 => s with { Pcid = Step(PcidChoices, s.Pcid, delta) },
            6 => s with { SwapPages = Step(SwapChoices, s.SwapPages, delta) },
            _ => s with { Policy = Step(SandboxMachine.Policies.ToArray(), s.Policy, delta) },
        };
    }

    /// <summary>The value of row <paramref name="row"/> as the panel shows it.</summary>
    public string ValueOf(int row)
    {
        var s = _settings;
        var c = CultureInfo.InvariantCulture;
        return row switch
        {
            0 => s.Machine,
            1 => s.Frames.ToString("N0", c),
            2 => s.Processes.ToString(c),
            3 => s.TlbEntries is { } e ? (e == 0 ? "0 (no TLB)" : e.ToString(c)) : "the machine's",
            4 => s.TlbWays?.ToString(c) ?? "the machine's",
            5 => s.Pcid is { } p ? (p ? "on" : "off") : "the machine's",
            6 => s.SwapPages == 0 ? "0 (no swap)" : s.SwapPages.ToString("N0", c),
            _ => s.Policy,
        };
    }

    /// <summary>The panel's box inside <paramref name="city"/>.</summary>
    public static RectF Box(RectF city) =>
        new(city.X + ((city.Width - Width) / 2), city.Y + 20, Width, Top + (Rows.Count * RowHeight) + 96);

    /// <summary>Row <paramref name="row"/>'s ◀ (<paramref name="right"/> false) or ▶ button.</summary>
    public static RectF Arrow(RectF city, int row, bool right)
    {
        var box = Box(city);
        return new RectF(right ? box.Right - 44 : box.X + 250, box.Y + Top + (row * RowHeight), 28, RowHeight - 6);
    }

    /// <summary>The Apply button.</summary>
    public static RectF ApplyButton(RectF city)
    {
        var box = Box(city);
        return new RectF(box.X + 20, box.Bottom - 44, 240, 30);
    }

    /// <summary>A click at <paramref name="point"/>: changes a row (◀ ▶), or returns true on Apply.</summary>
    public bool Click(RectF city, Vector2 point)
    {
        for (var row = 0; row < Rows.Count; row++)
        {
            foreach (var right in (bool[])[false, true])
            {
                if (Arrow(city, row, right).Contains(point))
                {
                    _row = row;
                    Change(right ? 1 : -1);
                    return false;
                }
            }
        }

        return ApplyButton(city).Contains(point);
    }

    /// <summary>Draws the panel over <paramref name="city"/>.</summary>
    public void Draw(IRenderBackend backend, RectF city)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var box = Box(city);
        backend.FillRect(box, Palette.HudBackground.WithAlpha(245));
        backend.DrawRect(box, Palette.Kernel, 2);
        backend.DrawText("Sandbox settings (沙盒设置)", new Vector2(box.X + 20, box.Y + 14), 18, Palette.Kernel);
        backend.DrawText("↑↓ row · ←→ or ◀ ▶ change · Enter applies (restarts) · Esc closes", new Vector2(box.X + 20, box.Y + 36), 12, Palette.TextDim);
        for (var row = 0; row < Rows.Count; row++)
        {
            var y = box.Y + Top + (row * RowHeight);
            if (row == _row)
            {
                backend.FillRect(new RectF(box.X + 10, y - 3, box.Width - 20, RowHeight - 2), Palette.FreeLot);
            }

            backend.DrawText(Rows[row], new Vector2(box.X + 20, y + 2), 15, Palette.HudText);
            var left = Arrow(city, row, right: false);
            var right = Arrow(city, row, right: true);
            backend.DrawText("◀", new Vector2(left.X + 6, y + 2), 15, Palette.Kernel);
            backend.DrawDynamicText(ValueOf(row), new Vector2(left.Right + 12, y + 2), 15, Palette.HudText);
            backend.DrawText("▶", new Vector2(right.X + 6, y + 2), 15, Palette.Kernel);
        }

        var apply = ApplyButton(city);
        var problem = Problem;
        backend.FillRect(apply, problem is null ? Palette.Tlb : Palette.FreeLot);
        backend.DrawText("Apply (应用) · Enter", new Vector2(apply.X + 12, apply.Y + 6), 15, problem is null ? Palette.LabelOn(Palette.Tlb) : Palette.TextDim);
        backend.SetClip(new RectF(box.X, box.Y, box.Width - 8, box.Height));
        backend.DrawDynamicText(problem ?? "the sandbox restarts from tick 0 with these settings", new Vector2(box.X + 20, apply.Y - 22), 12, problem is null ? Palette.TextDim : Palette.Fault);
        backend.SetClip(null);
    }

    private static bool RunsRealProgram(SandboxSettings s) =>
        s.Import is not null || s.Workloads.Count > 0 || s.Trace is not null || s.Program != new SandboxSettings().Program;

    // The next or previous choice after the current value (the first choice when the value is not one of them).
    private static T Step<T>(T[] choices, T current, int delta)
    {
        var index = Array.IndexOf(choices, current);
        return index < 0 ? choices[0] : choices[((index + delta) % choices.Length + choices.Length) % choices.Length];
    }
}
