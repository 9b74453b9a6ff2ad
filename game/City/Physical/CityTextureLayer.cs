using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// The level of detail for big cities: the whole city as opaque textures, one texel per lot (and per street
/// unit), cut into tiles of 8 × 8 districts so a change re-uploads one tile, not the city. Lots are recoloured
/// incrementally — immediately for frames the simulation reported (<see cref="Refresh"/>), and by a sweep that
/// revisits a bounded number of frames each frame (<see cref="Sweep"/>) to catch the rest (page tables,
/// frees). Memory: 4 bytes per world unit (≈ 24 MB for 4M frames); nothing is allocated after construction.
/// </summary>
public sealed class CityTextureLayer : IDisposable
{
    private const int TileDistricts = 8;

    private readonly IRenderBackend _backend;
    private readonly CityGrid _grid;
    private readonly LotClassifier _classifier;
    private readonly int _tileWidth;
    private readonly int _tileHeight;
    private readonly int _tilesX;
    private readonly int _tilesY;
    private readonly uint[][] _pixels;
    private readonly bool[] _dirty;
    private readonly TextureId[] _textures;
    private long _sweepCursor;

    /// <summary>Builds the tiles and colours every lot once.</summary>
    public CityTextureLayer(IRenderBackend backend, CityGrid grid, LotClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(classifier);
        _backend = backend;
        _grid = grid;
        _classifier = classifier;
        _tileWidth = Math.Min(TileDistricts, grid.DistrictColumns) * grid.DistrictWidth;
        _tileHeight = Math.Min(TileDistricts, grid.DistrictRowCount) * grid.DistrictHeight;
        _tilesX = (int)Math.Ceiling(grid.Bounds.Width / _tileWidth);
        _tilesY = (int)Math.Ceiling(grid.Bounds.Height / _tileHeight);
        _pixels = new uint[_tilesX * _tilesY][];
        _dirty = new bool[_pixels.Length];
        _textures = new TextureId[_pixels.Length];
        var street = LotColours.Street.ToArgb();
        for (var i = 0; i < _pixels.Length; i++)
        {
            _pixels[i] = new uint[_tileWidth * _tileHeight];
            Array.Fill(_pixels[i], street);
            _dirty[i] = true;
        }

        for (long frame = 0; frame < grid.FrameCount; frame++)
        {
            Refresh(frame);
        }
    }

    /// <summary>Lots recoloured since construction (for tests and diagnostics).</summary>
    public long Recoloured { get; private set; }

    /// <summary>Textures uploaded since construction.</summary>
    public long Uploads { get; private set; }

    /// <summary>Recolours <paramref name="frame"/>'s texel if its kind changed.</summary>
    public void Refresh(long frame)
    {
        if ((ulong)frame >= (ulong)_grid.FrameCount)
        {
            return;
        }

        var (x, y) = _grid.LotCell(frame);
        var tile = ((y / _tileHeight) * _tilesX) + (x / _tileWidth);
        ref var texel = ref _pixels[tile][((y % _tileHeight) * _tileWidth) + (x % _tileWidth)];
        var argb = LotColours.ArgbOf(_classifier.KindOf(frame));
        if (texel != argb)
        {
            texel = argb;
            _dirty[tile] = true;
            Recoloured++;
        }
    }

    /// <summary>Revisits the next <paramref name="budget"/> frames (round robin over the whole city).</summary>
    public void Sweep(int budget)
    {
        var count = _grid.FrameCount;
        for (var i = 0; i < budget && i < count; i++)
        {
            Refresh(_sweepCursor);
            _sweepCursor = _sweepCursor + 1 == count ? 0 : _sweepCursor + 1;
        }
    }

    /// <summary>Draws the tiles that intersect <paramref name="visibleWorld"/>; call inside a camera. Uploads changed tiles first.</summary>
    public void Draw(RectF visibleWorld)
    {
        for (var ty = 0; ty < _tilesY; ty++)
        {
            for (var tx = 0; tx < _tilesX; tx++)
            {
                var area = new RectF(tx * _tileWidth, ty * _tileHeight, _tileWidth, _tileHeight);
                if (!area.Intersects(visibleWorld))
                {
                    continue;
                }

                var tile = (ty * _tilesX) + tx;
                if (!_textures[tile].IsValid)
                {
                    _textures[tile] = _backend.CreateTexture(_tileWidth, _tileHeight, opaque: true);
                }

                if (_dirty[tile])
                {
                    _backend.UpdateTexture(_textures[tile], _pixels[tile]);
                    _dirty[tile] = false;
                    Uploads++;
                }

                _backend.DrawTexture(_textures[tile], area);
            }
        }
    }

    /// <summary>Frees the textures.</summary>
    public void Dispose()
    {
        foreach (var texture in _textures)
        {
            if (texture.IsValid)
            {
                _backend.DestroyTexture(texture);
            }
        }
    }
}
