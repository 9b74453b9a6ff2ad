using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

/// <summary>Semantic pixel checks on ARGB readbacks (DESIGN.md §1: per-channel tolerance ≥ 4).</summary>
internal static class PixelAssert
{
    public const int Tolerance = 4;

    public static Colour At(uint[] pixels, int width, int x, int y) => Colour.FromArgb(pixels[(y * width) + x]);

    public static bool Near(Colour actual, Colour expected, int tolerance = Tolerance) =>
        Math.Abs(actual.R - expected.R) <= tolerance
        && Math.Abs(actual.G - expected.G) <= tolerance
        && Math.Abs(actual.B - expected.B) <= tolerance;

    public static void IsColour(uint[] pixels, int width, int x, int y, Colour expected)
    {
        var actual = At(pixels, width, x, y);
        Assert.True(Near(actual, expected), $"pixel ({x},{y}) is {actual}, expected {expected} ± {Tolerance}");
    }

    /// <summary>Every pixel of the rectangle is <paramref name="expected"/>.</summary>
    public static void AreaIs(uint[] pixels, int width, RectI area, Colour expected)
    {
        for (var y = area.Y; y < area.Y + area.Height; y++)
        {
            for (var x = area.X; x < area.X + area.Width; x++)
            {
                IsColour(pixels, width, x, y, expected);
            }
        }
    }

    /// <summary>How many pixels of the rectangle are not <paramref name="background"/>.</summary>
    public static int CountNot(uint[] pixels, int width, RectI area, Colour background)
    {
        var count = 0;
        for (var y = area.Y; y < area.Y + area.Height; y++)
        {
            for (var x = area.X; x < area.X + area.Width; x++)
            {
                if (!Near(At(pixels, width, x, y), background))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
