using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// Where the schedule panel puts things inside its area, at the UI's scale: three lines of text (title, machine,
/// prompt), then the run queue's header and one row per process. Update hit-tests the same rows Draw fills.
/// </summary>
internal sealed class SchedulePanelLayout(RectF area, Screens.Play.UiContext ui)
{
    // Where each column starts, as a share of the panel's inner width: key, process, state, TLB, pages, cycles, cost.
    private static readonly float[] Columns = [0f, 0.05f, 0.22f, 0.37f, 0.49f, 0.57f, 0.69f];

    private readonly float _padding = 12 * ui.Scale;

    /// <summary>Height of a line of body text.</summary>
    public float Line { get; } = ui.TextSize * 1.6f;

    /// <summary>Height of a line of small text.</summary>
    public float Small { get; } = ui.SmallSize * 1.5f;

    /// <summary>The left edge of the content.</summary>
    public float Left => area.X + _padding;

    /// <summary>The width of the content.</summary>
    public float Width => area.Width - (2 * _padding);

    /// <summary>The top-left of text line <paramref name="line"/> (0: the title, 1: the machine, 2: the prompt).</summary>
    public Vector2 At(int line) => new(Left, area.Y + _padding + (line == 0 ? 0 : ui.HeadingSize * 1.4f) + (Math.Max(0, line - 1) * Line));

    /// <summary>The rectangle of run-queue row <paramref name="row"/> (−1: the header).</summary>
    public RectF Row(int row)
    {
        var top = At(3).Y + (Line * 0.4f);
        var header = Small;
        var height = ui.TextSize * 1.9f;
        return row < 0 ? new RectF(Left, top, Width, header) : new RectF(Left, top + header + (row * (height + (2 * ui.Scale))), Width, height);
    }

    /// <summary>The TLB column's bar in <paramref name="row"/> (its count is written right of it).</summary>
    public RectF TlbBar(RectF row) =>
        new(Column(3), row.Y + (row.Height * 0.3f), Column(4) - Column(3) - (30 * ui.Scale), row.Height * 0.4f);

    /// <summary>The x where column <paramref name="column"/> starts.</summary>
    public float Column(int column) => Left + (6 * ui.Scale) + (Columns[column] * Width);
}
