using System.Numerics;

namespace VmQuest.Platform;

/// <summary>An axis-aligned rectangle: top-left corner and size (width and height may be zero).</summary>
public readonly record struct RectF(float X, float Y, float Width, float Height)
{
    /// <summary>The top-left corner.</summary>
    public Vector2 Position => new(X, Y);

    /// <summary>Width and height.</summary>
    public Vector2 Size => new(Width, Height);

    /// <summary>One past the right edge.</summary>
    public float Right => X + Width;

    /// <summary>One past the bottom edge.</summary>
    public float Bottom => Y + Height;

    /// <summary>The centre point.</summary>
    public Vector2 Centre => new(X + (Width / 2), Y + (Height / 2));

    /// <summary>Builds a rectangle from its corner and size.</summary>
    public static RectF FromPositionSize(Vector2 position, Vector2 size) => new(position.X, position.Y, size.X, size.Y);

    /// <summary>True if <paramref name="point"/> is inside (left/top edges inclusive, right/bottom exclusive).</summary>
    public bool Contains(Vector2 point) => point.X >= X && point.X < Right && point.Y >= Y && point.Y < Bottom;

    /// <summary>True if the two rectangles share any area.</summary>
    public bool Intersects(RectF other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}
