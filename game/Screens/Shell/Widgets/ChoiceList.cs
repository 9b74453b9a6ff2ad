using System.Numerics;
using VmQuest.Platform;
using VmQuest.Screens.Play;

namespace VmQuest.Screens.Shell.Widgets;

/// <summary>One entry of a <see cref="ChoiceList"/>.</summary>
/// <param name="Id">A stable name for tests and for the screen's switch.</param>
/// <param name="Label">The label in English.</param>
/// <param name="LabelZh">The label in Simplified Chinese.</param>
/// <param name="Shortcut">A letter key that chooses it directly, or null.</param>
/// <param name="Enabled">False for an entry shown but not available (its <paramref name="Note"/> says why).</param>
/// <param name="Note">A line shown while the entry is selected (English), or null.</param>
/// <param name="NoteZh">The note in Simplified Chinese.</param>
public sealed record Choice(string Id, string Label, string LabelZh, Key Shortcut = Key.None, bool Enabled = true, string? Note = null, string? NoteZh = null);

/// <summary>
/// A vertical menu that works with the keyboard alone (Up/Down, Home/End, Enter, the letter shortcuts) and with the
/// mouse (hover selects, a click chooses). A disabled entry can be selected, so its note can say why it is not
/// available, but never chosen.
/// </summary>
/// <remarks>Invariant: <see cref="Selected"/> is a valid index while the list has entries.</remarks>
public sealed class ChoiceList
{
    private readonly List<RectF> _areas = [];
    private int _pressedOn = -1; // a click is a press and a release on the same entry of this list (not a release left over from the screen before)

    /// <summary>Creates a list of <paramref name="choices"/> with the first enabled one selected.</summary>
    public ChoiceList(IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentOutOfRangeException.ThrowIfZero(choices.Count);
        Choices = choices;
        Selected = Math.Max(0, choices.ToList().FindIndex(c => c.Enabled));
    }

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<Choice> Choices { get; }

    /// <summary>The selected entry's index.</summary>
    public int Selected { get; set; }

    /// <summary>The area of each entry after <see cref="Layout"/> (for the mouse, tests and drawing).</summary>
    public IReadOnlyList<RectF> Areas => _areas;

    /// <summary>Places the entries as rows of <paramref name="rowHeight"/> from the top of <paramref name="area"/>.</summary>
    public void Layout(RectF area, float rowHeight)
    {
        _areas.Clear();
        for (var i = 0; i < Choices.Count; i++)
        {
            _areas.Add(new RectF(area.X, area.Y + (i * rowHeight), area.Width, rowHeight * 0.86f));
        }
    }

    /// <summary>Reads the frame's input; returns the entry chosen (Enter, a click, its shortcut), or null.</summary>
    public Choice? Update(InputState input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.IsKeyPressed(Key.Down))
        {
            Selected = (Selected + 1) % Choices.Count;
        }

        if (input.IsKeyPressed(Key.Up))
        {
            Selected = (Selected + Choices.Count - 1) % Choices.Count;
        }

        if (input.IsKeyPressed(Key.Home))
        {
            Selected = 0;
        }

        if (input.IsKeyPressed(Key.End))
        {
            Selected = Choices.Count - 1;
        }

        var hovered = _areas.FindIndex(a => a.Contains(input.MousePosition));
        if (hovered >= 0 && (input.MouseDelta != Vector2.Zero || input.IsMousePressed(MouseButton.Left)))
        {
            Selected = hovered;
        }

        if (input.IsMousePressed(MouseButton.Left))
        {
            _pressedOn = hovered;
        }

        var clicked = hovered >= 0 && hovered == _pressedOn && input.IsMouseReleased(MouseButton.Left);
        if (input.IsMouseReleased(MouseButton.Left))
        {
            _pressedOn = -1;
        }

        for (var i = 0; i < Choices.Count; i++)
        {
            if (Choices[i].Shortcut != Key.None && input.IsKeyPressed(Choices[i].Shortcut))
            {
                Selected = i;
                return Choices[i].Enabled ? Choices[i] : null;
            }
        }

        var chosen = input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter)
            || (clicked && hovered == Selected);
        return chosen && Choices[Selected].Enabled ? Choices[Selected] : null;
    }

    /// <summary>Draws the entries: the selected one framed, disabled ones dimmed, each with its shortcut letter.</summary>
    public void Draw(IRenderBackend backend, UiContext ui, float textSize)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        for (var i = 0; i < _areas.Count; i++)
        {
            var area = _areas[i];
            var choice = Choices[i];
            var selected = i == Selected;
            backend.FillRect(area, selected ? Palette.HudBackground : Palette.Background);
            if (selected)
            {
                backend.DrawRect(area, choice.Enabled ? Palette.Tlb : Palette.TextDim, 2f);
            }

            var ink = choice.Enabled ? Palette.Text : Palette.TextDim;
            var y = area.Y + ((area.Height - textSize) / 2);
            var label = ui.T(choice.Label, choice.LabelZh);
            backend.DrawText(label, new Vector2(area.X + (textSize * 1.2f), y), textSize, ink);
            if (choice.Shortcut != Key.None)
            {
                var letter = choice.Shortcut.ToString();
                var width = VmQuest.Screens.Play.Widgets.TextMeasure.Of(backend, letter, ui.SmallSize).X;
                backend.DrawText(letter, new Vector2(area.Right - width - textSize, area.Y + ((area.Height - ui.SmallSize) / 2)), ui.SmallSize, Palette.TextDim);
            }
        }
    }

    /// <summary>The note of the selected entry in <paramref name="ui"/>'s language, or null.</summary>
    public string? SelectedNote(UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var choice = Choices[Selected];
        return choice.Note is null ? null : ui.T(choice.Note, choice.NoteZh ?? choice.Note);
    }
}
