using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// Enumerates, without allocating, the frames whose lots intersect a world rectangle: only the districts and
/// lot rows/columns in view are visited, so the cost follows what is on screen, not the size of memory.
/// </summary>
public struct VisibleLots
{
    private readonly CityGrid _grid;
    private readonly int _firstColumn, _lastColumn, _lastRow;
    private readonly RectF _view;
    private int _districtColumn, _districtRow, _lotX, _lotY, _lotXEnd, _lotYEnd;
    private bool _started;

    /// <summary>Frames of <paramref name="grid"/> visible in <paramref name="view"/> (world units).</summary>
    public VisibleLots(CityGrid grid, RectF view)
    {
        ArgumentNullException.ThrowIfNull(grid);
        _grid = grid;
        _view = view;
        _firstColumn = Math.Max(0, (int)MathF.Floor(view.X / grid.DistrictWidth));
        _lastColumn = Math.Min(grid.DistrictColumns - 1, (int)MathF.Floor(view.Right / grid.DistrictWidth));
        var firstRow = Math.Max(0, (int)MathF.Floor(view.Y / grid.DistrictHeight));
        _lastRow = Math.Min(grid.DistrictRowCount - 1, (int)MathF.Floor(view.Bottom / grid.DistrictHeight));
        _districtColumn = _firstColumn;
        _districtRow = firstRow;
        Current = -1;
    }

    /// <summary>The current frame.</summary>
    public long Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly VisibleLots GetEnumerator() => this;

    /// <summary>Moves to the next visible frame.</summary>
    public bool MoveNext()
    {
        if (_grid is null)
        {
            return false;
        }

        while (true)
        {
            if (!_started)
            {
                if (_districtRow > _lastRow || _firstColumn > _lastColumn)
                {
                    return false;
                }

                StartDistrict();
                _started = true;
            }
            else if (++_lotX >= _lotXEnd)
            {
                _lotX = LotStartX();
                if (++_lotY >= _lotYEnd)
                {
                    NextDistrict();
                    continue;
                }
            }

            if (_lotX >= _lotXEnd || _lotY >= _lotYEnd)
            {
                NextDistrict();
                continue;
            }

            var district = ((long)_districtRow * _grid.DistrictColumns) + _districtColumn;
            var frame = (district * _grid.LotsPerDistrict) + ((long)_lotY * _grid.LotsPerRow) + _lotX;
            if (frame < _grid.FrameCount)
            {
                Current = frame;
                return true;
            }
        }
    }

    private void NextDistrict()
    {
        _started = false;
        if (++_districtColumn > _lastColumn)
        {
            _districtColumn = _firstColumn;
            _districtRow++;
        }
    }

    private int LotStartX() =>
        Math.Max(0, (int)MathF.Floor(_view.X - (_districtColumn * _grid.DistrictWidth) - CityGrid.Street));

    private void StartDistrict()
    {
        var x0 = _districtColumn * _grid.DistrictWidth;
        var y0 = _districtRow * _grid.DistrictHeight;
        _lotX = LotStartX();
        _lotXEnd = Math.Min(_grid.LotsPerRow, (int)MathF.Ceiling(_view.Right - x0 - CityGrid.Street));
        _lotY = Math.Max(0, (int)MathF.Floor(_view.Y - y0 - CityGrid.Street));
        _lotYEnd = Math.Min(_grid.LotRows, (int)MathF.Ceiling(_view.Bottom - y0 - CityGrid.Street));
    }
}
