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
    private readonly byte[] _kinds;
    private readonly int[] _districtCounts;
    private readonly uint[] _districtPixels;
    private TextureId _districtTexture;
    private bool _districtDirty = true;
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
        _kinds = new byte[grid.FrameCount];
        _districtCounts = new int[grid.DistrictColumns * grid.DistrictRowCount * KindCount];
        _districtPixels = new uint[grid.DistrictColumns * grid.DistrictRowCount];
        Array.Fill(_districtPixels, LotColours.Street.ToArgb()); // the empty places after the last district
        for (var d = 0; d < grid.Districts; d++)
        {
            var lots = (int)Math.Min(grid.LotsPerDistrict, grid.FrameCount - ((long)d * grid.LotsPerDistrict));
            _districtCounts[d * KindCount] = lots; // every lot starts as free (kind 0)
        }

        var street = LotColours.Street.ToArgb();
        for (var i = 0; i < _pixels.Length; i++)
        {
            _pixels[i] = new uint[_tileWidth * _tileHeight];
            // Streets everywhere first; lots are painted free below, then recoloured.
            Array.Fill(_pixels[i], street);
            _dirty[i] = true;
        }

        var free = LotColours.ArgbOf(LotKind.Free);
        for (long frame = 0; frame < grid.FrameCount; frame++)
        {
            var (x, y) = grid.LotCell(frame);
            _pixels[((y / _tileHeight) * _tilesX) + (x / _tileWidth)][((y % _tileHeight) * _tileWidth) + (x % _tileWidth)] = free;
            Refresh(frame);
        }

        for (var d = 0; d < grid.Districts; d++)
        {
            RecolourDistrict(d);
        }
    }

    private static int KindCount { get; } = Enum.GetValues<LotKind>().Length;

    /// <summary>
    /// Below this many pixels per lot the city is drawn from the district overview (one texel per district, the
    /// average colour of its lots — a density map) instead of the lot tiles, which would alias into stripes.
    /// </summary>
    public const float OverviewZoom = 1.5f;

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
        var kind = (byte)_classifier.KindOf(frame);
        var old = _kinds[frame];
        if (old == kind)
        {
            return;
        }

        _kinds[frame] = kind;
        _pixels[tile][((y % _tileHeight) * _tileWidth) + (x % _tileWidth)] = LotColours.ArgbOf((LotKind)kind);
        _dirty[tile] = true;
        Recoloured++;
        var district = (int)(frame / _grid.LotsPerDistrict);
        _districtCounts[(district * KindCount) + old]--;
        _districtCounts[(district * KindCount) + kind]++;
        RecolourDistrict(district);
    }

    // The district's overview texel: the average of its lots' colours, weighted by how many lots have each kind.
    private void RecolourDistrict(int district)
    {
        long r = 0, g = 0, b = 0, total = 0;
        for (var k = 0; k < KindCount; k++)
        {
            var count = _districtCounts[(district * KindCount) + k];
            var colour = LotColours.Of((LotKind)k);
            r += colour.R * (long)count;
            g += colour.G * (long)count;
            b += colour.B * (long)count;
            total += count;
        }

        if (total > 0)
        {
            _districtPixels[district] = new Colour((byte)(r / total), (byte)(g / total), (byte)(b / total)).ToArgb();
            _districtDirty = true;
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

    /// <summary>
    /// Draws the city inside <paramref name="visibleWorld"/> at <paramref name="zoom"/> pixels per lot; call inside the
    /// camera. Uploads what changed first.
    /// </summary>
    public void Draw(RectF visibleWorld, float zoom)
    {
        if (zoom < OverviewZoom)
        {
            DrawOverview();
            return;
        }

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

    private void DrawOverview()
    {
        if (!_districtTexture.IsValid)
        {
            _districtTexture = _backend.CreateTexture(_grid.DistrictColumns, _grid.DistrictRowCount, opaque: true);
        }

        if (_districtDirty)
        {
            _backend.UpdateTexture(_districtTexture, _districtPixels);
            _districtDirty = false;
            Uploads++;
        }

        _backend.DrawTexture(_districtTexture, _grid.Bounds);
    }

    /// <summary>Frees the textures.</summary>
    public void Dispose()
    {
        if (_districtTexture.IsValid)
        {
            _backend.DestroyTexture(_districtTexture);
        }

        foreach (var texture in _textures)
        {
            if (texture.IsValid)
            {
                _backend.DestroyTexture(texture);
            }
        }
    }
}
