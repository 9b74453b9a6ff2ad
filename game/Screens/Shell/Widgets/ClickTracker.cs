using VmQuest.Platform;

namespace VmQuest.Screens.Shell.Widgets;

/// <summary>
/// Turns mouse presses and releases into clicks on one of a set of areas: a click is a left press and release on
/// the same area, so a release left over from the previous screen (whose press opened this one) is no click.
/// </summary>
public sealed class ClickTracker
{
    private int _pressedOn = -1;

    /// <summary>The index of the area under the mouse, or -1.</summary>
    public static int Hovered(InputState input, IReadOnlyList<RectF> areas)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(areas);
        for (var i = 0; i < areas.Count; i++)
        {
            if (areas[i].Contains(input.MousePosition))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads the frame's mouse; returns the index of the area clicked this frame, or -1.</summary>
    public int Update(InputState input, IReadOnlyList<RectF> areas)
    {
        var hovered = Hovered(input, areas);
        if (input.IsMousePressed(MouseButton.Left))
        {
            _pressedOn = hovered;
        }

        if (!input.IsMouseReleased(MouseButton.Left))
        {
            return -1;
        }

        var clicked = hovered >= 0 && hovered == _pressedOn ? hovered : -1;
        _pressedOn = -1;
        return clicked;
    }
}
