using VmQuest.Platform;

namespace VmQuest.Screens.Play.Panels;

/// <summary>
/// Where each part of the translate panel sits inside its area, for one UI scale: computed the same way by Update
/// (to know what a click hit) and Draw. The parts whose height varies (the explanation, the controls) come last.
/// </summary>
internal sealed class TranslateLayout
{
    /// <summary>How many entries of the current table are shown around the highlighted one.</summary>
    public const int TableRows = 5;

    public TranslateLayout(RectF area, UiContext ui, int levels)
    {
        Pad = 10f * ui.Scale;
        Line = ui.TextSize * 1.45f;
        var x = area.X + Pad;
        var width = area.Width - (2 * Pad);
        var y = area.Y + Pad;
        Heading = new RectF(x, y, width, ui.HeadingSize * 1.3f);
        y = Heading.Bottom;
        Access = new RectF(x, y, width, Line);
        y = Access.Bottom + (Pad / 2);
        Bits = new RectF(x, y, width, Line * 2);
        y = Bits.Bottom + (Pad / 2);
        Walk = new RectF(x, y, width, Line * levels);
        y = Walk.Bottom + (Pad / 2);
        TableHeading = new RectF(x, y, width, Line);
        y = TableHeading.Bottom;
        var rows = new RectF[TableRows];
        for (var i = 0; i < TableRows; i++)
        {
            rows[i] = new RectF(x, y, width, Line);
            y += Line;
        }

        Rows = rows;

        y += Pad / 2;
        Typing = new RectF(x, y, width, Line);
        y = Typing.Bottom + (Pad / 2);
        var buttonWidth = (width - (2 * Pad)) / 3;
        var buttons = new RectF[3];
        for (var i = 0; i < 3; i++)
        {
            buttons[i] = new RectF(x + (i * (buttonWidth + Pad)), y, buttonWidth, Line * 1.3f);
        }

        Buttons = buttons;

        y = Buttons[0].Bottom + (Pad / 2);
        var faults = new RectF[4];
        var faultWidth = (width - (3 * Pad)) / 4;
        for (var i = 0; i < 4; i++)
        {
            faults[i] = new RectF(x + (i * (faultWidth + Pad)), y, faultWidth, Line * 1.3f);
        }

        FaultButtons = faults;

        y = FaultButtons[0].Bottom + (Pad / 2);
        Tlb = new RectF(x, y, width, Line);
        Rest = new RectF(x, Tlb.Bottom + (Pad / 2), width, Math.Max(0, area.Bottom - Pad - Tlb.Bottom));
    }

    public float Pad { get; }

    public float Line { get; }

    public RectF Heading { get; }

    public RectF Access { get; }

    public RectF Bits { get; }

    public RectF Walk { get; }

    public RectF TableHeading { get; }

    /// <summary>The rows of the table window, top to bottom.</summary>
    public IReadOnlyList<RectF> Rows { get; }

    public RectF Typing { get; }

    /// <summary>Read entry, physical address, fault.</summary>
    public IReadOnlyList<RectF> Buttons { get; }

    /// <summary>One per fault word, shown while choosing the fault.</summary>
    public IReadOnlyList<RectF> FaultButtons { get; }

    public RectF Tlb { get; }

    /// <summary>What is left: the explanation of the last refusal, then the controls.</summary>
    public RectF Rest { get; }

    /// <summary>The first entry index the table window shows when <paramref name="cursor"/> is highlighted.</summary>
    public static ulong FirstRow(ulong cursor, ulong entries)
    {
        var first = cursor >= TableRows / 2 ? cursor - (TableRows / 2) : 0;
        return entries < TableRows ? 0 : Math.Min(first, entries - TableRows);
    }
}
