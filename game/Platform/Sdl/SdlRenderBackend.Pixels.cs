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
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);

        // Write beside the target and rename, so a failure never leaves a half-written PNG behind.
        var temporary = full + $".{Environment.ProcessId}.tmp";
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
                    File.Delete(temporary);
                    throw new IOException($"vmquest: cannot write {path}: {Sdl2.LastError()}");
                }
            }
            finally
            {
                Sdl2.FreeSurface(surface);
            }
        }

        File.Move(temporary, full, overwrite: true);
    }
}
