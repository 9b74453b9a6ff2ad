using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>One entry of a <see cref="MenuList"/>: its label in both languages and the key that picks it directly.</summary>
/// <param name="En">The label in English.</param>
/// <param name="Zh">The label in Simplified Chinese.</param>
/// <param name="Shortcut">A key that activates it at once, or <see cref="Key.None"/>.</param>
public sealed record MenuItem(string En, string Zh, Key Shortcut = Key.None);

/// <summary>
/// A vertical list of buttons worked by keyboard (Up/Down or Tab move, Enter or Space picks, each item's shortcut)
/// and mouse (hover highlights, click picks). Only the cursor is state; the items are the caller's.
/// </summary>
public sealed class MenuList
{
    private readonly IReadOnlyList<MenuItem> _items;

    /// <summary>A list of <paramref name="items"/> with the cursor on the first.</summary>
    public MenuList(IReadOnlyList<MenuItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        _items = items;
    }

    /// <summary>The items.</summary>
    public IReadOnlyList<MenuItem> Items => _items;

    /// <summary>The item under the cursor.</summary>
    public int Cursor { get; private set; }

    /// <summary>Height of one button at <paramref name="ui"/>'s scale.</summary>
    public static float ItemHeight(UiContext ui) => 36 * ui.Scale;

    /// <summary>Height of the whole list.</summary>
    public float HeightFor(UiContext ui) => _items.Count * (ItemHeight(ui) + (8 * ui.Scale));

    /// <summary>The screen rect of item <paramref name="index"/> when the list is drawn in <paramref name="area"/>.</summary>
    public static RectF ItemRect(RectF area, int index, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        return new RectF(area.X, area.Y + (index * (ItemHeight(ui) + (8 * ui.Scale))), area.Width, ItemHeight(ui));
    }

    /// <summary>Reads this frame's input for the list drawn in <paramref name="area"/>; returns the index picked, or -1.</summary>
    public int Update(InputState input, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(input);
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Shortcut != Key.None && input.IsKeyPressed(_items[i].Shortcut))
            {
                Cursor = i;
                return i;
            }
        }

        if (input.IsKeyPressed(Key.Down) || input.IsKeyPressed(Key.Tab))
        {
            Cursor = (Cursor + 1) % _items.Count;
        }

        if (input.IsKeyPressed(Key.Up))
        {
            Cursor = (Cursor + _items.Count - 1) % _items.Count;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (ItemRect(area, i, ui).Contains(input.MousePosition))
            {
                if (input.MouseDelta != Vector2.Zero)
                {
                    Cursor = i;
                }

                if (input.IsMousePressed(MouseButton.Left))
                {
                    Cursor = i;
                    return i;
                }
            }
        }

        return input.IsKeyPressed(Key.Enter) || input.IsKeyPressed(Key.KeypadEnter) || input.IsKeyPressed(Key.Space) ? Cursor : -1;
    }

    /// <summary>Draws the list in <paramref name="area"/>, the cursor's item highlighted.</summary>
    public void Draw(IRenderBackend backend, RectF area, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(ui);
        for (var i = 0; i < _items.Count; i++)
        {
            var rect = ItemRect(area, i, ui);
            var active = i == Cursor;
            backend.FillRect(rect, active ? Palette.Tlb : Palette.FreeLot);
            var label = ui.T(_items[i].En, _items[i].Zh);
            var size = ui.TextSize * 1.1f;
            var width = TextMeasure.Of(backend, label, size).X;
            backend.DrawText(label, new Vector2(rect.Centre.X - (width / 2), rect.Y + ((rect.Height - size) / 2) - 2), size,
                active ? Palette.LabelOn(Palette.Tlb) : Palette.HudText);
            if (_items[i].Shortcut != Key.None)
            {
                var key = ShortcutName(_items[i].Shortcut);
                backend.DrawText(key, new Vector2(rect.X + (8 * ui.Scale), rect.Y + ((rect.Height - ui.SmallSize) / 2) - 2), ui.SmallSize,
                    active ? Palette.LabelOn(Palette.Tlb) : Palette.Kernel);
            }
        }
    }

    /// <summary>How a shortcut key is shown.</summary>
    public static string ShortcutName(Key key) => key switch
    {
        Key.Escape => "Esc",
        Key.Enter => "Enter",
        Key.Space => "Space",
        >= Key.D1 and <= Key.D9 => ((int)key - (int)Key.D1 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => key.ToString(),
    };
}
