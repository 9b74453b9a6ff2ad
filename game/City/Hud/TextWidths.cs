using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// Widths of changing text without shaping it every frame: each character's advance is measured once per size
/// (through <see cref="IRenderBackend.MeasureText"/>) and a span's width is the sum, so HUD items can be laid out
/// one after another by what they really occupy and never overlap as their numbers grow.
/// </summary>
public sealed class TextWidths(IRenderBackend backend, float size)
{
    private readonly IRenderBackend _backend = backend;
    private readonly float _size = size;
    private readonly Dictionary<char, float> _advances = [];

    /// <summary>The width of <paramref name="text"/> in pixels at this size.</summary>
    public float Of(ReadOnlySpan<char> text)
    {
        var width = 0f;
        foreach (var c in text)
        {
            if (!_advances.TryGetValue(c, out var advance))
            {
                advance = _backend.MeasureText(c.ToString(), _size).X;
                _advances[c] = advance;
            }

            width += advance;
        }

        return width;
    }
}
