using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The files the simulated kernel can map: real files on the host, read page by page on a major fault,
/// plus the pages written back to them through shared mappings (kept here, never written to the host).
/// Each path gets a small integer id, in order of first use, for the frame table's reverse map. A file may
/// also be provided in memory (<see cref="Provide"/>: a workload program's image); it then never touches the host.
/// </summary>
public sealed class FileStore
{
    private readonly List<string> _paths = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(int FileId, ulong Offset), byte[]> _writtenBack = [];
    private readonly Dictionary<int, byte[]> _provided = [];
    private readonly Dictionary<int, long?> _lengths = [];

    /// <summary>The id of <paramref name="path"/>, assigning the next one on first use (ids start at 1).</summary>
    public int IdOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!_ids.TryGetValue(path, out var id))
        {
            _paths.Add(path);
            id = _paths.Count;
            _ids.Add(path, id);
        }

        return id;
    }

    /// <summary>The id of <paramref name="path"/> when it has one already (unlike <see cref="IdOf"/>, assigns none).</summary>
    public bool TryGetId(string path, out int id) => _ids.TryGetValue(path, out id);

    /// <summary>
    /// Makes <paramref name="path"/> a file held in memory with <paramref name="contents"/> (replacing any earlier
    /// contents, and the host file of that name): what its pages read and how long it is.
    /// </summary>
    public void Provide(string path, byte[] contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var id = IdOf(path);
        _provided[id] = contents;
        _lengths[id] = contents.LongLength;
    }

    /// <summary>
    /// The length of file <paramref name="fileId"/> in bytes, or null when it is neither provided nor a regular
    /// host file (such a file reads as zeros and has no end). Asked once per file: the length is kept, so a run
    /// stays deterministic while the host file changes.
    /// </summary>
    public long? LengthOf(int fileId)
    {
        if (!_lengths.TryGetValue(fileId, out var length))
        {
            try
            {
                var info = new FileInfo(PathOf(fileId));
                length = info.Exists && (info.Attributes & (FileAttributes.Directory | FileAttributes.Device)) == 0
                    ? info.Length
                    : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                length = null;
            }

            _lengths[fileId] = length;
        }

        return length;
    }

    /// <summary>The path with id <paramref name="fileId"/>.</summary>
    public string PathOf(int fileId) => _paths[fileId - 1];

    /// <summary>
    /// Reads the page at <paramref name="offset"/> into <paramref name="page"/>: written-back contents if any,
    /// else the host file's bytes, zero past its end (and zero when the file cannot be read: a simulated
    /// file need not exist on the host; and zero for anything but a regular file, which is never opened).
    /// Returns true when the page holds any non-zero byte.
    /// </summary>
    public bool ReadPage(int fileId, ulong offset, Span<byte> page)
    {
        page.Clear();
        if (_writtenBack.TryGetValue((fileId, offset), out var saved))
        {
            saved.CopyTo(page);
            return true;
        }

        if (_provided.TryGetValue(fileId, out var contents))
        {
            if (offset >= (ulong)contents.LongLength)
            {
                return false;
            }

            var part = contents.AsSpan((int)offset, (int)Math.Min((ulong)page.Length, (ulong)contents.LongLength - offset));
            part.CopyTo(page);
            return part.ContainsAnyExcept((byte)0);
        }

        var path = PathOf(fileId);
        if (InputFile.Probe(path) != InputFileKind.Regular)
        {
            // Never open a FIFO (the open would block the whole simulation) or a device (it may never end).
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            if ((long)offset >= stream.Length)
            {
                return false;
            }

            stream.Position = (long)offset;
            var read = stream.ReadAtLeast(page, page.Length, throwOnEndOfStream: false);
            return page[..read].ContainsAnyExcept((byte)0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Keeps a dirty shared page's contents as the file's new contents at <paramref name="offset"/>.</summary>
    public void WriteBack(int fileId, ulong offset, ReadOnlySpan<byte> page) => _writtenBack[(fileId, offset)] = page.ToArray();
}
