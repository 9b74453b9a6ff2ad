using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// The files the simulated kernel can map: real files on the host, read page by page on a major fault,
/// plus the pages written back to them through shared mappings (kept here, never written to the host).
/// Each path gets a small integer id, in order of first use, for the frame table's reverse map.
/// </summary>
public sealed class FileStore
{
    private readonly List<string> _paths = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(int FileId, ulong Offset), byte[]> _writtenBack = [];

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
