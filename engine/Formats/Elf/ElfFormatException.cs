namespace VmQuest.Engine.Formats.Elf;

/// <summary>
/// A file that is not a loadable ELF64 little-endian image, or whose headers are inconsistent or hostile.
/// The message is one line naming the file and what was expected, e.g.
/// <c>/tmp/x: not an ELF file (expected magic 7F 45 4C 46 at offset 0)</c>.
/// </summary>
/// <remarks>Derives from <see cref="FormatParseException"/> so callers can catch every format error in one place.</remarks>
public sealed class ElfFormatException : FormatParseException
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="description">One-line description of the problem and what was expected.</param>
    /// <param name="offset">Byte offset in the file where the problem is, or -1 when it is not one place.</param>
    public ElfFormatException(string file, string description, long offset = -1)
        : base(file, description)
    {
        Offset = offset;
    }

    /// <summary>Creates the error for an I/O failure while reading the file.</summary>
    /// <param name="file">File name as the user gave it.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="inner">The underlying I/O exception.</param>
    public ElfFormatException(string file, string description, Exception inner)
        : base(file, description, inner)
    {
        Offset = -1;
    }

    /// <summary>Byte offset in the file where the problem is; -1 when not tied to one place.</summary>
    public long Offset { get; }
}
