using System.Globalization;
using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// Draws changing text without allocating: the caller formats into a stack buffer with an interpolated
/// <see cref="MemoryExtensions.TryWrite(Span{char}, IFormatProvider?, ref MemoryExtensions.TryWriteInterpolatedStringHandler, out int)"/>
/// and this draws it through the backend's glyph atlas.
/// </summary>
public static class TextSpan
{
    /// <summary>Invariant culture, so numbers look the same on every machine.</summary>
    public static IFormatProvider Culture { get; } = CultureInfo.InvariantCulture;

    /// <summary>Draws <paramref name="written"/> characters of <paramref name="buffer"/> if formatting succeeded.</summary>
    public static void Draw(IRenderBackend backend, Span<char> buffer, bool ok, int written, Vector2 at, float size, Colour colour)
    {
        ArgumentNullException.ThrowIfNull(backend);
        if (ok)
        {
            backend.DrawDynamicText(buffer[..written], at, size, colour);
        }
    }
}
