using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// Where the policy panel's parts go inside its area, for both <see cref="PolicyPanel.Update"/> (hit tests) and
/// <see cref="PolicyPanel.Draw"/>: heading, pending line, the editor (a fixed grid of character cells, so a click
/// maps to a line and column without measuring text), the status rows and the two buttons at the bottom.
/// </summary>
internal readonly struct PolicyPanelLayout
{
    public PolicyPanelLayout(RectF area, Screens.Play.UiContext ui, int cursorLine)
    {
        Pad = 10 * ui.Scale;
        Row = ui.TextSize * 1.5f;
        CharSize = ui.TextSize;
        CharWidth = ui.TextSize * 0.6f;
        LineHeight = ui.TextSize * 1.3f;
        Gutter = 28 * ui.Scale;
        PendingY = area.Y + Pad + (ui.HeadingSize * 1.4f);
        var buttonHeight = ui.TextSize * 2f;
        // Up to two lines each of the verdict, the Run result and a refusal, then the hidden tests (a heading and four rows).
        var statusHeight = (6 * Row) + (5 * ui.SmallSize * 1.4f) + Pad;
        var editorTop = PendingY + Row;
        var editorHeight = Math.Max(LineHeight * 3, area.Bottom - Pad - buttonHeight - Pad - statusHeight - editorTop);
        Editor = new RectF(area.X + Pad, editorTop, area.Width - (2 * Pad), editorHeight);
        VisibleLines = Math.Max(1, (int)((editorHeight - 8) / LineHeight));
        // The editor scrolls so the cursor's line is always visible.
        FirstLine = Math.Max(0, cursorLine - VisibleLines + 1);
        var buttonWidth = (area.Width - (3 * Pad)) / 2;
        Run = new RectF(area.X + Pad, area.Bottom - Pad - buttonHeight, buttonWidth, buttonHeight);
        Submit = new RectF(Run.Right + Pad, Run.Y, buttonWidth, buttonHeight);
    }

    public float Pad { get; }

    public float Row { get; }

    public float CharSize { get; }

    public float CharWidth { get; }

    public float LineHeight { get; }

    public float Gutter { get; }

    public float PendingY { get; }

    public RectF Editor { get; }

    public int VisibleLines { get; }

    public int FirstLine { get; }

    public RectF Run { get; }

    public RectF Submit { get; }

    /// <summary>The top-left corner of the cell of <paramref name="line"/>, <paramref name="column"/>.</summary>
    public Vector2 CellOrigin(int line, int column) =>
        new(Editor.X + Gutter + (column * CharWidth), Editor.Y + 4 + ((line - FirstLine) * LineHeight));

    /// <summary>The line and column of the cell under <paramref name="point"/> (the nearest cell boundary).</summary>
    public (int Line, int Column) CellAt(Vector2 point) =>
        (FirstLine + (int)((point.Y - Editor.Y - 4) / LineHeight), (int)MathF.Round((point.X - Editor.X - Gutter) / CharWidth));
}
