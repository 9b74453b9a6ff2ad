using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// Where each physical frame's lot sits in the world: lots of 1×1 world unit in districts of 512 frames
/// (2 MiB of 4 KiB pages, 32 × 16 lots) separated by one-unit streets, districts laid out row by row so the
/// whole city has roughly the aspect ratio it is shown in. Machines with fewer than 512 frames get one
/// district shaped like the view. Pure arithmetic: frame ↔ position is O(1) and allocation-free.
/// </summary>
public sealed class CityGrid
{
    /// <summary>Frames per district (a 2 MiB block of 4 KiB pages).</summary>
    public const int FramesPerDistrict = 512;

    /// <summary>Width of the street around a district's lots, in world units.</summary>
    public const int Street = 1;

    /// <summary>Lays out <paramref name="frameCount"/> frames for a view of the given aspect ratio (width / height).</summary>
    public CityGrid(long frameCount, float aspect = 16f / 9f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        FrameCount = frameCount;
        if (frameCount < FramesPerDistrict)
        {
            // One district shaped like the view, so a first-level city of 16–64 frames gets big, labelled lots.
            LotsPerRow = (int)Math.Clamp(Math.Ceiling(Math.Sqrt(frameCount * (double)aspect)), 1, frameCount);
            LotRows = (int)((frameCount + LotsPerRow - 1) / LotsPerRow);
        }
        else
        {
            LotsPerRow = 32;
            LotRows = 16;
        }

        DistrictWidth = LotsPerRow + (2 * Street);
        DistrictHeight = LotRows + (2 * Street);
        var lotsPerDistrict = LotsPerRow * LotRows;
        Districts = (int)((frameCount + lotsPerDistrict - 1) / lotsPerDistrict);
        var columns = Math.Sqrt(Districts * aspect * DistrictHeight / DistrictWidth);
        DistrictColumns = Math.Clamp((int)Math.Ceiling(columns), 1, Districts);
        DistrictRowCount = (Districts + DistrictColumns - 1) / DistrictColumns;
    }

    /// <summary>Number of frames (lots).</summary>
    public long FrameCount { get; }

    /// <summary>Lots per row inside a district.</summary>
    public int LotsPerRow { get; }

    /// <summary>Rows of lots inside a district.</summary>
    public int LotRows { get; }

    /// <summary>Frames in one district (512, or all frames for a small machine).</summary>
    public int LotsPerDistrict => LotsPerRow * LotRows;

    /// <summary>Width of a district including its streets, in world units (= texture pixels).</summary>
    public int DistrictWidth { get; }

    /// <summary>Height of a district including its streets.</summary>
    public int DistrictHeight { get; }

    /// <summary>Number of districts.</summary>
    public int Districts { get; }

    /// <summary>Districts per row of the city.</summary>
    public int DistrictColumns { get; }

    /// <summary>Rows of districts.</summary>
    public int DistrictRowCount { get; }

    /// <summary>The whole city in world units.</summary>
    public RectF Bounds => new(0, 0, DistrictColumns * DistrictWidth, DistrictRowCount * DistrictHeight);

    /// <summary>The top-left corner of <paramref name="frame"/>'s lot (a 1×1 cell).</summary>
    public Vector2 LotOrigin(long frame)
    {
        var (x, y) = LotCell(frame);
        return new Vector2(x, y);
    }

    /// <summary>The integer cell of <paramref name="frame"/>'s lot (texture pixel coordinates).</summary>
    public (int X, int Y) LotCell(long frame)
    {
        var district = (int)(frame / LotsPerDistrict);
        var index = (int)(frame % LotsPerDistrict);
        var x = ((district % DistrictColumns) * DistrictWidth) + Street + (index % LotsPerRow);
        var y = ((district / DistrictColumns) * DistrictHeight) + Street + (index / LotsPerRow);
        return (x, y);
    }

    /// <summary>The district rectangle (lots only, without streets) of district <paramref name="district"/>.</summary>
    public RectF DistrictLots(int district) =>
        new(((district % DistrictColumns) * DistrictWidth) + Street, ((district / DistrictColumns) * DistrictHeight) + Street,
            LotsPerRow, LotRows);

    /// <summary>The frame whose lot contains <paramref name="world"/>, or -1 for a street or outside the city.</summary>
    public long FrameAt(Vector2 world)
    {
        if (world.X < 0 || world.Y < 0)
        {
            return -1;
        }

        var column = (int)(world.X / DistrictWidth);
        var row = (int)(world.Y / DistrictHeight);
        if (column >= DistrictColumns || row >= DistrictRowCount)
        {
            return -1;
        }

        var lx = (int)MathF.Floor(world.X - (column * DistrictWidth)) - Street;
        var ly = (int)MathF.Floor(world.Y - (row * DistrictHeight)) - Street;
        if (lx < 0 || ly < 0 || lx >= LotsPerRow || ly >= LotRows)
        {
            return -1;
        }

        var frame = (((long)row * DistrictColumns) + column) * LotsPerDistrict + ((long)ly * LotsPerRow) + lx;
        return frame < FrameCount ? frame : -1;
    }
}
