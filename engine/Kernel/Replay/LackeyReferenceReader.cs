using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Lackey;
using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// Streams a lackey trace as references: each access is checked to lie in user space and expanded to one
/// reference per page it touches, lower first (an access may straddle two chunks). The one expansion of a lackey
/// trace: <see cref="TraceLoader"/>'s scan and the replay both read through it, so they see the same references.
/// </summary>
internal sealed class LackeyReferenceReader : ITraceReferenceReader
{
    private readonly LackeyTraceReader _reader;
    private readonly string _path;
    private readonly int _pageShift;
    private readonly ulong _userTop;
    private ulong _nextPage;
    private ulong _lastPage;
    private AccessKind _kind;
    private bool _pending;

    /// <summary>Opens <paramref name="path"/>; addresses must lie in [<see cref="TraceLoader.LowestAddress"/>, <paramref name="userTop"/>).</summary>
    public LackeyReferenceReader(string path, int pageShift, ulong userTop)
    {
        _reader = LackeyTraceReader.Open(path);
        _path = path;
        _pageShift = pageShift;
        _userTop = userTop;
    }

    /// <summary>Accesses (trace lines) read so far.</summary>
    public long Accesses { get; private set; }

    /// <inheritdoc />
    public int Read(Span<TraceReference> buffer)
    {
        var count = 0;
        while (count < buffer.Length)
        {
            if (!_pending && !NextAccess())
            {
                break;
            }

            buffer[count++] = new TraceReference(_nextPage, _kind);
            if (_nextPage == _lastPage)
            {
                _pending = false;
            }
            else
            {
                _nextPage++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private bool NextAccess()
    {
        if (!_reader.TryRead(out var access))
        {
            return false;
        }

        if (access.Address < TraceLoader.LowestAddress || access.LastAddress >= _userTop)
        {
            throw new FormatParseException(_path, _reader.LineNumber, 1,
                $"an address in user space [0x{TraceLoader.LowestAddress:x}, 0x{_userTop:x})", $"0x{access.Address:x},{access.Size}");
        }

        Accesses++;
        _kind = access.Kind switch
        {
            LackeyAccessKind.Instruction => AccessKind.Execute,
            LackeyAccessKind.Load => AccessKind.Read,
            _ => AccessKind.Write,
        };
        var pages = access.Pages(_pageShift);
        _nextPage = pages.First;
        _lastPage = pages.Last;
        _pending = true;
        return true;
    }
}
