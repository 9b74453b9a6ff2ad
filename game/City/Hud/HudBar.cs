using System.Numerics;
using VmQuest.Engine.Kernel;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The heads-up bar: title and objective on the first line, the speed buttons (pause / step / 1× / 4× / max) on
/// the right, and the counters on the second line — cycles (in-game time), real time, faults, frames used and
/// free, swap. Counters go through the glyph atlas, so the bar allocates nothing per frame.
/// </summary>
public sealed class HudBar
{
    private const float ButtonWidth = 54, ButtonHeight = 22, ButtonGap = 6;
    private static readonly string[] ButtonLabels = ["pause", "step", "1×", "4×", "max"];

    private readonly string _title;
    private readonly float[] _labelWidths = new float[ButtonLabels.Length];
    private float _titleWidth = -1;

    /// <summary>Creates the bar with a fixed <paramref name="title"/>.</summary>
    public HudBar(string title) => _title = title;

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

    /// <summary>Draws the bar into <paramref name="bar"/>.</summary>
    public void Draw(IRenderBackend backend, RectF bar, KernelCore kernel, SimulationSpeed speed, TimeSpan realTime, string objective, bool faultPulse)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(kernel);
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

        var titleWidth = _titleWidth;
        backend.SetClip(new RectF(bar.X, bar.Y, Button(bar, 0).X - 12 - bar.X, 28));
        backend.DrawText(objective, new Vector2(bar.X + 28 + titleWidth, bar.Y + 8), 14, Palette.TextDim);
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
        var counters = kernel.Counters;
        var y = bar.Y + 31;
        Span<char> text = stackalloc char[96];
        var ok = text.TryWrite(TextSpan.Culture, $"cycles {machine.Clock.Cycles:N0}", out var written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(bar.X + 12, y), 14, Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"time {(int)realTime.TotalMinutes:00}:{realTime.Seconds:00}.{realTime.Milliseconds / 100}", out written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(bar.X + 200, y), 14, Palette.HudText);

        // Faults pulse in the fault colour while they are happening.
        ok = text.TryWrite(TextSpan.Culture, $"faults {counters.Faults:N0} ({counters.MajorFaults:N0} major, {counters.CowCopies:N0} COW)", out written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(bar.X + 312, y), 14, faultPulse ? Palette.Fault : Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"frames {total - free:N0} used / {free:N0} free", out written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(bar.X + 590, y), 14, Palette.HudText);
        ok = text.TryWrite(TextSpan.Culture, $"swap {kernel.Swap.Used:N0}   evictions {counters.Evictions:N0}", out written);
        TextSpan.Draw(backend, text, ok, written, new Vector2(bar.X + 890, y), 14, Palette.HudText);
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
