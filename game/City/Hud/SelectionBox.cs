using System.Numerics;
using VmQuest.City.Inspection;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The box pinned at the city's top left while something is selected: what it is in words, then the components of
/// the entities behind it (<see cref="SelectionEntities"/>), scrolled with PgUp / PgDn when they do not fit. Lines
/// are measured (<see cref="TextWidths"/>) and cut with an ellipsis to the box, once per change in
/// <see cref="Set"/>, so <see cref="Draw"/> only draws.
/// </summary>
public sealed class SelectionBox
{
    /// <summary>The heading over the entity list, in both of the game's languages like the city's other headings.</summary>
    public const string ComponentsHeading = "Entity components (实体组件)";

    private const float HeadingSize = 13, TextSize = 12, DescriptionLineHeight = 16, EntryLineHeight = 15, Padding = 8;
    private const float MaxWidth = 640;

    private readonly List<string> _description = [];
    private readonly List<InspectorLine> _entries = [];
    private TextWidths? _widths;
    private RectF _box;
    private int _rows;
    private string _footer = "";

    /// <summary>True when there is nothing to show.</summary>
    public bool IsEmpty => _description.Count == 0;

    /// <summary>The first entity line shown.</summary>
    public int Scroll { get; private set; }

    /// <summary>The entity lines, as cut to the box.</summary>
    public IReadOnlyList<InspectorLine> Entries => _entries;

    /// <summary>How many entity lines fit in the box at once.</summary>
    public int VisibleRows => _rows;

    /// <summary>
    /// Lays the box out in <paramref name="city"/> for <paramref name="description"/> and <paramref name="entries"/>,
    /// measuring with <paramref name="backend"/>; keeps the scroll position when <paramref name="keepScroll"/>.
    /// </summary>
    public void Set(IRenderBackend backend, RectF city, IReadOnlyList<string> description, IReadOnlyList<InspectorLine> entries, bool keepScroll)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(entries);
        _widths ??= new TextWidths(backend, TextSize);
        var widest = Math.Min(city.Width - 16, MaxWidth) - (2 * Padding);
        var width = backend.MeasureText(ComponentsHeading, HeadingSize).X;
        _description.Clear();
        foreach (var line in description)
        {
            var cut = Fit(line, widest);
            _description.Add(cut);
            width = Math.Max(width, _widths.Of(cut));
        }

        _entries.Clear();
        foreach (var entry in entries)
        {
            var cut = Fit(entry.Text, widest);
            _entries.Add(entry with { Text = cut });
            width = Math.Max(width, _widths.Of(cut));
        }

        // Heading, description, the list's heading; what is left of the city's height is the list, less a footer.
        var fixedHeight = 22 + (_description.Count * DescriptionLineHeight) + (_entries.Count > 0 ? 22 : 0);
        var room = Math.Max(0, city.Height - 12 - fixedHeight - Padding);
        _rows = (int)(room / EntryLineHeight);
        var scrolls = _entries.Count > _rows;
        if (scrolls)
        {
            _rows = Math.Max(1, (int)((room - EntryLineHeight) / EntryLineHeight));
        }

        Scroll = keepScroll ? Math.Clamp(Scroll, 0, Math.Max(0, _entries.Count - _rows)) : 0;
        _footer = scrolls ? Footer() : "";
        var shown = Math.Min(_rows, _entries.Count);
        var height = fixedHeight + (shown * EntryLineHeight) + (scrolls ? EntryLineHeight : 0) + Padding;
        _box = new RectF(city.X + 8, city.Y + 6, Math.Min(width + (2 * Padding), city.Width - 16), height);
    }

    /// <summary>Moves the list by <paramref name="lines"/> (negative: up), within its length.</summary>
    public void ScrollBy(int lines)
    {
        Scroll = Math.Clamp(Scroll + lines, 0, Math.Max(0, _entries.Count - _rows));
        _footer = _entries.Count > _rows ? Footer() : "";
    }

    /// <summary>Empties the box.</summary>
    public void Clear()
    {
        _description.Clear();
        _entries.Clear();
        Scroll = 0;
    }

    /// <summary>Draws the box under <paramref name="heading"/> (what kind of thing is selected).</summary>
    public void Draw(IRenderBackend backend, string heading)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (IsEmpty)
        {
            return;
        }

        backend.FillRect(_box, Palette.HudBackground.WithAlpha(235));
        backend.DrawRect(_box, Palette.Kernel, 1);
        backend.DrawText(heading, new Vector2(_box.X + Padding, _box.Y + 4), HeadingSize, Palette.Kernel);
        var y = _box.Y + 22;
        foreach (var line in _description)
        {
            backend.DrawText(line, new Vector2(_box.X + Padding, y), TextSize, Palette.TextDim);
            y += DescriptionLineHeight;
        }

        if (_entries.Count == 0)
        {
            return;
        }

        backend.DrawLine(new Vector2(_box.X + Padding, y + 3), new Vector2(_box.Right - Padding, y + 3), Palette.Kernel.WithAlpha(120), 1);
        backend.DrawText(ComponentsHeading, new Vector2(_box.X + Padding, y + 5), HeadingSize, Palette.Kernel);
        y += 22;
        var end = Math.Min(_entries.Count, Scroll + _rows);
        for (var i = Scroll; i < end; i++)
        {
            var entry = _entries[i];
            backend.DrawText(entry.Text, new Vector2(_box.X + Padding, y), TextSize, ColourOf(entry.Kind));
            y += EntryLineHeight;
        }

        if (_footer.Length > 0)
        {
            backend.DrawText(_footer, new Vector2(_box.X + Padding, y), TextSize, Palette.Kernel);
        }
    }

    private string Footer() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"PgUp / PgDn · lines {Scroll + 1}–{Math.Min(_entries.Count, Scroll + _rows)} of {_entries.Count}");

    private static Colour ColourOf(InspectorLineKind kind) => kind switch
    {
        InspectorLineKind.Entity => Palette.HudText,
        InspectorLineKind.Component => Palette.Highlight,
        InspectorLineKind.Field => Palette.Text,
        _ => Palette.TextDim,
    };

    // Cuts a line that is wider than the box to what fits followed by an ellipsis, so no text runs past the border.
    private string Fit(string line, float width)
    {
        if (_widths!.Of(line) <= width)
        {
            return line;
        }

        var ellipsis = _widths.Of("…");
        var length = line.Length;
        while (length > 0 && _widths.Of(line.AsSpan(0, length)) + ellipsis > width)
        {
            length--;
        }

        return string.Concat(line.AsSpan(0, length), "…");
    }
}
