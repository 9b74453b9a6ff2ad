using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Screens.Play.Widgets;

/// <summary>
/// Remembered text measurements: measuring shapes the text with the font every time (the backend keeps no cache), and
/// the screens measure the same labels every frame. Keyed by backend, text and size; cleared whole when it is full,
/// so it never grows without bound.
/// </summary>
public static class TextMeasure
{
    private const int Capacity = 4096;
    private static readonly Dictionary<(IRenderBackend Backend, string Text, float Size), Vector2> Sizes = [];
    private static readonly Dictionary<(IRenderBackend Backend, string Text, float Size, float Width), IReadOnlyList<string>> Wraps = [];
    private static readonly Lock Gate = new();

    /// <summary>The size of <paramref name="text"/> at <paramref name="size"/> on <paramref name="backend"/>.</summary>
    public static Vector2 Of(IRenderBackend backend, string text, float size)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(text);
        lock (Gate)
        {
            if (Sizes.TryGetValue((backend, text, size), out var known))
            {
                return known;
            }

            if (Sizes.Count >= Capacity)
            {
                Sizes.Clear();
            }

            var measured = backend.MeasureText(text, size);
            Sizes[(backend, text, size)] = measured;
            return measured;
        }
    }

    /// <summary>The lines <paramref name="text"/> wraps to, remembered (see <see cref="TextBlock.Wrap"/>).</summary>
    internal static IReadOnlyList<string> Wrapped(IRenderBackend backend, string text, float size, float width, Func<IReadOnlyList<string>> wrap)
    {
        lock (Gate)
        {
            if (Wraps.TryGetValue((backend, text, size, width), out var known))
            {
                return known;
            }
        }

        var lines = wrap();
        lock (Gate)
        {
            if (Wraps.Count >= Capacity)
            {
                Wraps.Clear();
            }

            Wraps[(backend, text, size, width)] = lines;
        }

        return lines;
    }
}
