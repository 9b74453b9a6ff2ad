using VmQuest.Engine.Formats.Output;
namespace VmQuest.Platform.Sdl;

/// <summary>Reading back what was drawn: raw pixels and PNG screenshots.</summary>
public sealed unsafe partial class SdlRenderBackend
{
    /// <inheritdoc/>
    public void ReadPixels(Span<uint> destination)
    {
        if (destination.Length < Width * Height)
        {
            throw new ArgumentException($"Need room for {Width * Height} pixels.", nameof(destination));
        }

        fixed (uint* p = destination)
        {
            if (Sdl2.RenderReadPixels(_renderer, null, SdlConstants.PixelFormatArgb8888, p, Width * sizeof(uint)) != 0)
            {
                throw new InvalidOperationException($"SDL could not read pixels: {Sdl2.LastError()}");
            }
        }
    }

    /// <summary>Reads this frame's pixels into a new array (see <see cref="ReadPixels(Span{uint})"/>).</summary>
    public uint[] ReadPixels()
    {
        var pixels = new uint[Width * Height];
        ReadPixels(pixels);
        return pixels;
    }

    /// <inheritdoc/>
    public void SavePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pixels = ReadPixels();

        // Through the one atomic writer: a failure never leaves a half-written PNG, and nothing but a regular
        // file is ever replaced (issue 8: as root, --screenshot /dev/full replaced the device node).
        AtomicFile.WriteVia(path, temporary =>
        {
            fixed (uint* p = pixels)
            {
                var surface = Sdl2.CreateRgbSurfaceWithFormatFrom(
                    p, Width, Height, 32, Width * sizeof(uint), SdlConstants.PixelFormatArgb8888);
                if (surface == null)
                {
                    throw new InvalidOperationException($"SDL could not wrap the pixels: {Sdl2.LastError()}");
                }

                try
                {
                    if (Sdl2Image.SavePng(surface, temporary) != 0)
                    {
                        throw new IOException(Sdl2.LastError());
                    }
                }
                finally
                {
                    Sdl2.FreeSurface(surface);
                }
            }
        });
    }
}
