using System.Numerics;
using VmQuest.Engine.Kernel;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The heads-up bar: title and objective on the first line, the speed buttons (pause / step / 1× / 4× / max) and
/// the help hint on the right, and the counters on the second line — cycles (in-game time), real time, faults,
/// frames used and free (with the reserve reclaim keeps free for page tables), page tables, swap. Counters are
/// laid out one after another by their measured width, so they never overlap however large the numbers grow,
/// and drawn through the glyph atlas, so the bar allocates nothing per frame.
/// </summary>
public sealed class HudBar
{
    private const float ButtonWidth = 54, ButtonHeight = 22, ButtonGap = 6, CounterGap = 22, CounterSize = 14;
    private static readonly string[] ButtonLabels = ["pause", "step", "1×", "4×", "max"];

    private readonly string _title;
    private readonly float[] _labelWidths = new float[ButtonLabels.Length];
    private float _titleWidth = -1;
    private TextWidths? _widths;

    /// <summary>Creates the bar with a fixed <paramref name="title"/>.</summary>
    public HudBar(string title) => _title = title;

    /// <summary>Right edge of the last counter drawn (for tests: counters must fit the bar).</summary>
    public float CountersRight { get; private set; }

    /// <summary>Which speed button is at <paramref name="point"/> (0 pause … 4 max), or -1.</summary>
    public static int ButtonAt(RectF bar, Vector2 point)
    {
        for (var i = 0; i < ButtonLabels.Length; i++)
        {
            if (Button(bar, i).Contains(point))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Draws the bar into <paramref name="bar"/>; <paramref name="faults"/> overrides the kernel's fault count (a level's own count).</summary>
    public void Draw(IRenderBackend backend, RectF bar, KernelCore kernel, SimulationSpeed speed, TimeSpan realTime, string objective, bool faultPulse, long? faults = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(objective);
        backend.FillRect(bar, Palette.HudBackground);
        backend.DrawText(_title, new Vector2(bar.X + 12, bar.Y + 5), 17, Palette.HudText);
        if (_titleWidth < 0)
        {
            // Measuring shapes text (and allocates): do it once, the strings never change.
            _titleWidth = backend.MeasureText(_title, 17).X;
            for (var i = 0; i < ButtonLabels.Length; i++)
            {
                _labelWidths[i] = backend.MeasureText(ButtonLabels[i], 14).X;
            }
        }

        _widths ??= new TextWidths(backend, CounterSize);
        backend.SetClip(new RectF(bar.X, bar.Y, Button(bar, 0).X - 12 - bar.X, 28));
        backend.DrawDynamicText(objective, new Vector2(bar.X + 28 + _titleWidth, bar.Y + 8), 14, Palette.TextDim);
        backend.SetClip(null);

        for (var i = 0; i < ButtonLabels.Length; i++)
        {
            var button = Button(bar, i);
            var active = i == SpeedIndex(speed);
            backend.FillRect(button, active ? Palette.Tlb : Palette.FreeLot);
            var label = ButtonLabels[i];
            backend.DrawText(label, new Vector2(button.Centre.X - (_labelWidths[i] / 2), button.Y + 3), 14, active ? Palette.LabelOn(Palette.Tlb) : Palette.HudText);
        }

        var machine = kernel.Machine;
        var total = machine.Frames.FrameCount;
        var free = machine.Frames.FreeCount;
        var reserve = (ulong)machine.Description.Levels.Count;
        var counters = kernel.Counters;
        var x = bar.X + 12;
        var y = bar.Y + 31;
        backend.SetClip(new RectF(bar.X, bar.Y + 28, bar.Width - 8, bar.Height - 28));
        Span<char> text = stackalloc char[112];
        var ok = text.TryWrite(TextSpan.Culture, $"cycles {machine.Clock.Cycles:N0}", out var written);
        x = Counter(backend, text, ok, written, x, y, Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"time {(int)realTime.TotalMinutes:00}:{realTime.Seconds:00}.{realTime.Milliseconds / 100}", out written);
        x = Counter(backend, text, ok, written, x, y, Palette.HudText);

        // Faults pulse in the fault colour while they are happening.
        ok = text.TryWrite(TextSpan.Culture, $"faults {faults ?? counters.Faults:N0} ({counters.MajorFaults:N0} major, {counters.CowCopies:N0} COW)", out written);
        x = Counter(backend, text, ok, written, x, y, faultPulse ? Palette.Fault : Palette.HudText);

        // At the reserve, "4 free" is not spare room: reclaim evicts pages to keep those frames for page tables.
        // Frames a PTE cannot name (a teaching machine's 7-bit PFN) are walled off at boot: not "used".
        var walled = (ulong)kernel.ReservedFrames;
        ok = walled > 0
            ? text.TryWrite(TextSpan.Culture, $"frames {total - free - walled:N0} used / {free:N0} free · {walled:N0} walled (PTEs name {total - walled:N0})", out written)
            : free <= reserve
            ? text.TryWrite(TextSpan.Culture, $"frames {total - free:N0} used / {free:N0} free (reserve: evicting)", out written)
            : text.TryWrite(TextSpan.Culture, $"frames {total - free:N0} used / {free:N0} free", out written);
        x = Counter(backend, text, ok, written, x, y, free <= reserve ? Palette.Fault : Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"page tables {kernel.PageTableFrames:N0}", out written);
        x = Counter(backend, text, ok, written, x, y, Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"swap {kernel.Swap.Used:N0} · evicted {counters.Evictions:N0}", out written);
        x = Counter(backend, text, ok, written, x, y, Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"h: help", out written);
        CountersRight = Counter(backend, text, ok, written, x, y, Palette.Kernel) - CounterGap;
        backend.SetClip(null);
    }

    private float Counter(IRenderBackend backend, Span<char> text, bool ok, int written, float x, float y, Colour colour)
    {
        if (!ok)
        {
            return x;
        }

        backend.DrawDynamicText(text[..written], new Vector2(x, y), CounterSize, colour);
        return x + _widths!.Of(text[..written]) + CounterGap;
    }

    private static int SpeedIndex(SimulationSpeed speed) => speed switch
    {
        SimulationSpeed.Paused => 0,
        SimulationSpeed.Normal => 2,
        SimulationSpeed.Fast => 3,
        _ => 4,
    };

    private static RectF Button(RectF bar, int index) =>
        new(bar.Right - 8 - ((ButtonLabels.Length - index) * (ButtonWidth + ButtonGap)), bar.Y + 4, ButtonWidth, ButtonHeight);
}
