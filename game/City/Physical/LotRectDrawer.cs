using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.City.Physical;

/// <summary>
/// The close-up level of detail: every visible lot as its own rectangle, batched by colour (one
/// <see cref="IRenderBackend.FillRects"/> per colour), with the details a texel cannot show — copy-on-write
/// lots two-tone (light body, second tone on the lower-right diagonal), an owner band along the left edge, a dark
/// notch in the top-right corner for dirty pages, the zero page hollow (a ring). Buffers grow to the largest view and are then reused, so a
/// frame allocates nothing.
/// </summary>
public sealed class LotRectDrawer
{
    /// <summary>Width of the owner band along a lot's left edge, in lots.</summary>
    public const float OwnerBand = 0.12f;

    private const float Inset = 0.08f;

    // The zero page is a walled lot with nothing inside: a ring of the kernel's colour, this thick, around the ground.
    private const float ZeroRing = 0.2f;
    private const float ZeroPitTop = 0.34f;
    private const int OwnerSlots = 7;

    private readonly RectBatch[] _byKind = NewBatches(Enum.GetValues<LotKind>().Length);
    private readonly RectBatch[] _byOwner = NewBatches(OwnerSlots);
    private readonly RectBatch _cowBody = new();
    private readonly RectBatch _dirty = new();
    private readonly RectBatch _hollow = new();
    private Vector2[] _cowTriangles = new Vector2[96];
    private int _cowVertexCount;

    /// <summary>Lots drawn by the last <see cref="Draw"/>.</summary>
    public int LotsDrawn { get; private set; }

    /// <summary>Draws the lots of <paramref name="grid"/> inside <paramref name="visibleWorld"/>; call inside the camera.</summary>
    public void Draw(IRenderBackend backend, CityGrid grid, LotClassifier classifier, RectF visibleWorld)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(classifier);
        Reset();
        foreach (var frame in new VisibleLots(grid, visibleWorld))
        {
            Add(grid, classifier.Inspect(frame, searchSharers: false));
        }

        for (var k = 0; k < _byKind.Length; k++)
        {
            _byKind[k].Flush(backend, LotColours.Of((LotKind)k));
        }

        _cowBody.Flush(backend, Palette.CowPrimary);
        if (_cowVertexCount > 0)
        {
            backend.FillTriangles(_cowTriangles.AsSpan(0, _cowVertexCount), Palette.CowSecondary);
        }

        for (var o = 0; o < _byOwner.Length; o++)
        {
            _byOwner[o].Flush(backend, LotColours.OwnerOf(o + 1));
        }

        _dirty.Flush(backend, Palette.Background);
        _hollow.Flush(backend, Palette.Background);
    }

    private void Add(CityGrid grid, in LotInfo lot)
    {
        LotsDrawn++;
        var origin = grid.LotOrigin(lot.Frame);
        var body = new RectF(origin.X + Inset, origin.Y + Inset, 1 - (2 * Inset), 1 - (2 * Inset));
        if (lot.Shared)
        {
            _cowBody.Add(body);
            AddCowTriangle(body);
        }
        else
        {
            _byKind[(int)lot.Kind].Add(body);
        }

        if (lot.Owner > 0 && lot.Kind is not (LotKind.Free or LotKind.Kernel))
        {
            _byOwner[(lot.Owner - 1) % OwnerSlots].Add(new RectF(body.X, body.Y, OwnerBand, body.Height));
        }

        if (lot.Dirty)
        {
            _dirty.Add(new RectF(body.Right - 0.22f, body.Y, 0.22f, 0.22f));
        }

        if (lot.Kind == LotKind.ZeroPage)
        {
            // The pit sits below the frame number, so the label's first line stays on the wall.
            _hollow.Add(new RectF(body.X + ZeroRing, body.Y + ZeroPitTop, body.Width - (1.5f * ZeroRing), body.Height - ZeroPitTop - (0.5f * ZeroRing)));
        }
    }

    private void AddCowTriangle(RectF body)
    {
        if (_cowVertexCount + 3 > _cowTriangles.Length)
        {
            Array.Resize(ref _cowTriangles, _cowTriangles.Length * 2);
        }

        _cowTriangles[_cowVertexCount++] = new Vector2(body.Right, body.Y);
        _cowTriangles[_cowVertexCount++] = new Vector2(body.Right, body.Bottom);
        _cowTriangles[_cowVertexCount++] = new Vector2(body.X, body.Bottom);
    }

    private void Reset()
    {
        LotsDrawn = 0;
        _cowVertexCount = 0;
        foreach (var batch in _byKind)
        {
            batch.Clear();
        }

        foreach (var batch in _byOwner)
        {
            batch.Clear();
        }

        _cowBody.Clear();
        _dirty.Clear();
        _hollow.Clear();
    }

    private static RectBatch[] NewBatches(int count)
    {
        var batches = new RectBatch[count];
        for (var i = 0; i < count; i++)
        {
            batches[i] = new RectBatch();
        }

        return batches;
    }

    /// <summary>A growable, reusable list of rectangles of one colour.</summary>
    private sealed class RectBatch
    {
        private RectF[] _rects = new RectF[64];
        private int _count;

        public void Add(RectF rect)
        {
            if (_count == _rects.Length)
            {
                Array.Resize(ref _rects, _rects.Length * 2);
            }

            _rects[_count++] = rect;
        }

        public void Clear() => _count = 0;

        public void Flush(IRenderBackend backend, Colour colour)
        {
            if (_count > 0)
            {
                backend.FillRects(_rects.AsSpan(0, _count), colour);
            }
        }
    }
}
