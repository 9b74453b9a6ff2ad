using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VmQuest.Engine.Machine.Memory;

/// <summary>
/// Simulated physical memory: a fixed number of frames of one page size, stored sparsely (a frame never written
/// reads as zeros and costs no host memory). Page-table pages live here like any other frame, so the walker
/// reads entries exactly as the hardware would. Multi-byte values are little-endian (x86 and RISC-V both are).
/// Guarantees: addresses at or beyond <see cref="SizeBytes"/> throw; nothing else does.
/// </summary>
public sealed class PhysicalMemory
{
    private readonly byte[]?[] _frames;
    private readonly int _pageShift;
    private readonly ulong _offsetMask;

    /// <summary>Creates <paramref name="frameCount"/> zeroed frames of <c>2^pageShift</c> bytes.</summary>
    public PhysicalMemory(ulong frameCount, int pageShift)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, (ulong)Array.MaxLength);
        _frames = new byte[]?[frameCount];
        _pageShift = pageShift;
        _offsetMask = (1UL << pageShift) - 1;
    }

    /// <summary>Number of frames.</summary>
    public ulong FrameCount => (ulong)_frames.LongLength;

    /// <summary>Total bytes.</summary>
    public ulong SizeBytes => FrameCount << _pageShift;

    /// <summary>log2 of the frame size.</summary>
    public int PageShift => _pageShift;

    /// <summary>Whether the frame has ever been written (for compact saving and the city's LOD).</summary>
    public bool IsTouched(ulong frame) => _frames[frame] is not null;

    /// <summary>Reads an unsigned little-endian value of 1, 2, 4 or 8 bytes; it must not cross a frame.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Read(ulong address, int width)
    {
        byte[]? frame = _frames[address >> _pageShift];
        if (frame is null)
        {
            return 0;
        }

        int offset = (int)(address & _offsetMask);
        if (width == 8 && BitConverter.IsLittleEndian && offset <= frame.Length - 8)
        {
            // Hot path of the walker: one unaligned load, bounds proven by the check above.
            return Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(frame), offset));
        }

        return width switch
        {
            8 => BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(offset)),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(offset)),
            2 => BinaryPrimitives.ReadUInt16LittleEndian(frame.AsSpan(offset)),
            _ => frame[offset],
        };
    }

    /// <summary>Writes the low <paramref name="width"/> bytes of <paramref name="value"/>, little-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ulong address, int width, ulong value)
    {
        byte[] frame = FrameBytes(address >> _pageShift);
        int offset = (int)(address & _offsetMask);
        switch (width)
        {
            case 8: BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(offset), value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(offset), (uint)value); break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(offset), (ushort)value); break;
            default: frame[offset] = (byte)value; break;
        }
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte(ulong address) => (byte)Read(address, 1);

    /// <summary>Copies bytes into memory starting at <paramref name="address"/>; may span frames.</summary>
    public void WriteBytes(ulong address, ReadOnlySpan<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            Write(address + (ulong)i, 1, bytes[i]);
        }
    }

    /// <summary>Copies a whole frame's contents (zeros if untouched) into <paramref name="destination"/>.</summary>
    public void CopyFrame(ulong frame, Span<byte> destination)
    {
        byte[]? bytes = _frames[frame];
        if (bytes is null)
        {
            destination[..(1 << _pageShift)].Clear();
        }
        else
        {
            bytes.CopyTo(destination);
        }
    }

    /// <summary>Zeroes a frame (and releases its host memory).</summary>
    public void ClearFrame(ulong frame) => _frames[frame] = null;

    /// <summary>
    /// The frame's bytes, writable in place (materialising a zero frame). For bulk table walks (fork's copy) that
    /// would otherwise read and write one entry at a time; the span is valid until the frame is cleared.
    /// </summary>
    public Span<byte> FrameSpan(ulong frame) => FrameBytes(frame);

    /// <summary>A copy of the frame's bytes, or null when it reads as all zeros (for swap-out).</summary>
    public byte[]? ExportFrame(ulong frame) => _frames[frame] is { } bytes ? (byte[])bytes.Clone() : null;

    /// <summary>Replaces the frame's bytes with <paramref name="contents"/> (null = zeros); the array is adopted, not copied.</summary>
    public void ImportFrame(ulong frame, byte[]? contents)
    {
        if (contents is not null && contents.Length != 1 << _pageShift)
        {
            throw new ArgumentException($"a frame holds {1 << _pageShift} bytes, not {contents.Length}", nameof(contents));
        }

        _frames[frame] = contents;
    }

    /// <summary>Copies frame <paramref name="source"/>'s bytes into frame <paramref name="destination"/> (a copy-on-write break).</summary>
    public void CopyFrameTo(ulong source, ulong destination) => _frames[destination] = ExportFrame(source);

    private byte[] FrameBytes(ulong frame) => _frames[frame] ??= new byte[1 << _pageShift];
}
