using ImageMagick;
using VmQuest.Engine.Formats.Output;

namespace VmQuest.Replays;

/// <summary>
/// Writes an animated GIF from frames of the city (the shareable artefact of a solution, as Opus Magnum players
/// share theirs), through Magick.NET. Frames are scaled to <see cref="Width"/> pixels across and at most
/// <see cref="MaxFrames"/> are kept (evenly sampled), so a long replay costs bounded memory: about
/// Width × height × 4 bytes a frame while encoding.
/// </summary>
public sealed class AnimatedGif : IDisposable
{
    /// <summary>Most frames one GIF holds; longer replays are sampled evenly down to this.</summary>
    public const int MaxFrames = 240;

    private readonly MagickImageCollection _frames = [];

    /// <summary>Creates an empty animation <paramref name="width"/> pixels wide, each frame shown <paramref name="frameDelay"/>.</summary>
    public AnimatedGif(int width, TimeSpan frameDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        Width = width;
        DelayCentiseconds = (uint)Math.Clamp(Math.Round(frameDelay.TotalMilliseconds / 10), 2, 65535);
    }

    /// <summary>Width of the GIF in pixels (height follows the frames' aspect ratio).</summary>
    public int Width { get; }

    /// <summary>How long each frame shows, in the GIF's unit of 1/100 s (at least 2: browsers slow anything faster).</summary>
    public uint DelayCentiseconds { get; }

    /// <summary>Frames added so far.</summary>
    public int Count => _frames.Count;

    /// <summary>
    /// How many of <paramref name="total"/> frames to skip between kept ones so at most <see cref="MaxFrames"/>
    /// remain: keep frame i when i % stride == 0.
    /// </summary>
    public static int Stride(long total) => (int)Math.Max(1, (total + MaxFrames - 1) / MaxFrames);

    /// <summary>Adds a frame of <paramref name="width"/> × <paramref name="height"/> ARGB pixels (SDL's ARGB8888).</summary>
    /// <exception cref="InvalidOperationException">Already <see cref="MaxFrames"/> frames.</exception>
    public void Add(ReadOnlySpan<uint> argb, int width, int height)
    {
        if (_frames.Count >= MaxFrames)
        {
            throw new InvalidOperationException($"an animated GIF holds at most {MaxFrames} frames; sample with Stride()");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(argb.Length, width * height);
        // ARGB8888 words are B, G, R, A bytes in memory on a little-endian machine.
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(argb[..(width * height)]).ToArray();
        var frame = new MagickImage(bytes, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.BGRA));
        frame.HasAlpha = false;
        frame.Resize(new MagickGeometry((uint)Width, 0) { IgnoreAspectRatio = false });
        frame.AnimationDelay = DelayCentiseconds;
        frame.GifDisposeMethod = GifDisposeMethod.None;
        _frames.Add(frame);
    }

    /// <summary>Encodes the animation (one shared 256-colour palette, loops forever) and writes it atomically.</summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    /// <exception cref="InvalidOperationException">No frame was added.</exception>
    public void Save(string path)
    {
        if (_frames.Count == 0)
        {
            throw new InvalidOperationException("an animated GIF needs at least one frame");
        }

        _frames[0].AnimationIterations = 0;
        // One palette for every frame keeps colours from flickering between frames; no dithering keeps the
        // city's flat lots flat (and the file small).
        _frames.Quantize(new QuantizeSettings { Colors = 256, DitherMethod = DitherMethod.No });
        _frames.Optimize();
        AtomicFile.WriteVia(path, temporary => _frames.Write(temporary, MagickFormat.Gif));
    }

    /// <inheritdoc/>
    public void Dispose() => _frames.Dispose();
}
