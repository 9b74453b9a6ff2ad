namespace VmQuest.Platform.Sdl;

/// <summary>
/// Maps <see cref="TextureId"/>s to SDL textures. Ids are slot numbers + 1; a destroyed slot is reused, so a
/// stale id may name a newer texture — callers must not keep ids they destroyed (as with raylib).
/// </summary>
internal sealed unsafe class SdlTextureStore(IntPtr renderer) : IDisposable
{
    private readonly List<Entry> _entries = [];
    private readonly Stack<int> _freeSlots = new();

    /// <summary>
    /// Creates a streaming ARGB8888 texture, nearest-sampled, initially transparent black; alpha-blended unless
    /// <paramref name="opaque"/>.
    /// </summary>
    public TextureId Create(int width, int height, bool opaque)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var handle = Sdl2.CreateTexture(
            renderer, SdlConstants.PixelFormatArgb8888, SdlConstants.TextureAccessStreaming, width, height);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"SDL could not create a {width}x{height} texture: {Sdl2.LastError()}");
        }

        _ = Sdl2.SetTextureBlendMode(handle, opaque ? SdlConstants.BlendModeNone : SdlConstants.BlendModeBlend);
        _ = Sdl2.SetTextureScaleMode(handle, SdlConstants.ScaleModeNearest);
        var entry = new Entry(handle, width, height);
        int slot;
        if (_freeSlots.TryPop(out slot))
        {
            _entries[slot] = entry;
        }
        else
        {
            slot = _entries.Count;
            _entries.Add(entry);
        }

        var id = new TextureId(slot + 1);
        Update(id, new uint[width * height], null); // streaming textures start undefined; make them transparent
        return id;
    }

    /// <summary>Copies ARGB pixels into the region (whole texture when null).</summary>
    public void Update(TextureId id, ReadOnlySpan<uint> pixels, RectI? region)
    {
        var entry = Get(id);
        var area = region ?? new RectI(0, 0, entry.Width, entry.Height);
        if (area.X < 0 || area.Y < 0 || area.Width <= 0 || area.Height <= 0
            || area.X + area.Width > entry.Width || area.Y + area.Height > entry.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(region), $"{area} is outside the {entry.Width}x{entry.Height} texture.");
        }

        if (pixels.Length < area.Width * area.Height)
        {
            throw new ArgumentException($"Need {area.Width * area.Height} pixels, got {pixels.Length}.", nameof(pixels));
        }

        var rect = new SdlRect(area.X, area.Y, area.Width, area.Height);
        fixed (uint* p = pixels)
        {
            if (Sdl2.UpdateTexture(entry.Handle, &rect, p, area.Width * sizeof(uint)) != 0)
            {
                throw new InvalidOperationException($"SDL could not update a texture: {Sdl2.LastError()}");
            }
        }
    }

    /// <summary>The SDL handle and size behind an id.</summary>
    /// <exception cref="ArgumentException">The id was never created or has been destroyed.</exception>
    public Entry Get(TextureId id)
    {
        var slot = id.Value - 1;
        if (slot < 0 || slot >= _entries.Count || _entries[slot].Handle == IntPtr.Zero)
        {
            throw new ArgumentException($"Texture {id.Value} does not exist.", nameof(id));
        }

        return _entries[slot];
    }

    public void Destroy(TextureId id)
    {
        var entry = Get(id);
        Sdl2.DestroyTexture(entry.Handle);
        _entries[id.Value - 1] = default;
        _freeSlots.Push(id.Value - 1);
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Where(e => e.Handle != IntPtr.Zero))
        {
            Sdl2.DestroyTexture(entry.Handle);
        }

        _entries.Clear();
        _freeSlots.Clear();
    }

    /// <summary>An SDL texture and its size.</summary>
    public readonly record struct Entry(IntPtr Handle, int Width, int Height);
}
