using System.Globalization;
using VmQuest.Engine.Kernel;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Kernel.Replay;
using VmQuest.Engine.Kernel.Translation;

namespace VmQuest.City.Simulation;

/// <summary>
/// The sandbox replaying a valgrind lackey trace (<c>vmquest sandbox --trace FILE</c>) as the accesses of one
/// process: the trace's pages are mapped up front as <c>vmquest trace</c> maps them (runs of touched pages,
/// executable where an instruction was fetched), and each tick the process asks for the next
/// <see cref="SandboxSettings.AccessesPerTick"/> references, which the kernel's translation system serves — so
/// the city shows the program's own locality, faults and reclaim. When the trace ends the process exits.
/// </summary>
public sealed class TraceSandbox : ISimulationDriver, ISandboxProcessControl
{
    private readonly TraceInput _trace;
    private readonly int _pid;
    private readonly int _pageShift;
    private readonly int _perTick;
    private readonly TraceReference[] _buffer;
    private ITraceReferenceReader? _reader;
    private int _buffered;
    private int _next;
    private long _replayed;
    private long _tick;
    private long _finishedAt = -1;

    /// <summary>Boots the machine of <paramref name="settings"/> and maps the pages of its <see cref="SandboxSettings.Trace"/>.</summary>
    /// <exception cref="ArgumentException">The settings have no trace.</exception>
    public TraceSandbox(SandboxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _trace = settings.Trace ?? throw new ArgumentException("the settings name no trace", nameof(settings));
        _perTick = Math.Max(1, settings.AccessesPerTick);
        _buffer = new TraceReference[Math.Max(256, _perTick)];
        Kernel = SandboxMachine.Boot(settings);
        _pageShift = Kernel.Machine.Description.PageShift;
        var name = Path.GetFileName(_trace.Source);
        _pid = Kernel.CreateProcess(name.Length > 15 ? name[..15] : name);
        foreach (var region in _trace.Regions)
        {
            var start = region.FirstPage << _pageShift;
            var length = (region.LastPage - region.FirstPage + 1) << _pageShift;
            var permissions = region.Executable ? VmaPermissions.ReadWrite | VmaPermissions.Execute : VmaPermissions.ReadWrite;
            // NORESERVE, as the trace command: the regions are made up from the pages touched, never asked for.
            Kernel.Mmap(_pid, start, length, permissions, MapFlags.Fixed | MapFlags.Private | MapFlags.NoReserve);
        }

        Kernel.SwitchTo(_pid);
        _reader = _trace.OpenReferences();
    }

    /// <inheritdoc/>
    public KernelCore Kernel { get; }

    /// <summary>References replayed so far.</summary>
    public long Replayed => _replayed;

    /// <inheritdoc/>
    public bool Finished => _finishedAt >= 0;

    /// <inheritdoc/>
    public string Objective => Finished
        ? string.Create(CultureInfo.InvariantCulture, $"Finished: the trace's {_replayed:N0} references replayed by tick {_finishedAt} — R replays it again, Esc quits")
        : string.Create(CultureInfo.InvariantCulture, $"tick {_tick} · trace {Path.GetFileName(_trace.Source)}: {_replayed:N0} of {_trace.ReferenceCount:N0} page references");

    /// <inheritdoc/>
    public void Tick()
    {
        if (Finished)
        {
            return;
        }

        _tick++;
        if (!Kernel.Exists(_pid) || Kernel.Info(_pid).State is not (VmQuest.Engine.Kernel.Processes.ProcessState.Ready or VmQuest.Engine.Kernel.Processes.ProcessState.Running))
        {
            End();
            return;
        }

        var process = Kernel.EntityOf(_pid);
        for (var i = 0; i < _perTick; i++)
        {
            if (_next == _buffered && !Refill())
            {
                // The last references were asked for in the previous tick: the program is done.
                Kernel.Exit(_pid, 0);
                Kernel.Wait(0);
                End();
                return;
            }

            var reference = _buffer[_next++];
            _replayed++;
            var write = reference.Kind == VmQuest.Engine.Machine.Walk.AccessKind.Write;
            Kernel.World.Events<MemoryAccessRequested>().Send(
                new MemoryAccessRequested(process, reference.Page << _pageShift, reference.Kind, Width: 8, Value: write ? (ulong)_tick : null));
        }
    }

    /// <inheritdoc/>
    (int Child, string? Error) ISandboxProcessControl.Fork(int pid)
    {
        // The child runs no trace of its own: it keeps its copy of the pages, shared copy-on-write, until killed.
        var forked = Kernel.TryFork(pid);
        return forked.Succeeded ? ((int)forked.Value, null) : (-1, SandboxForkText.Error(Kernel, forked.Error));
    }

    /// <inheritdoc/>
    void ISandboxProcessControl.Kill(int pid, int signal)
    {
        var parent = Kernel.Info(pid).ParentPid;
        Kernel.Exit(pid, 0, signal);
        // The sandbox reaps it at once (for its parent too: the trace never waits).
        Kernel.WaitFor(parent != 0 && Kernel.Exists(parent) ? parent : 0, pid);
    }

    private bool Refill()
    {
        _buffered = _reader?.Read(_buffer) ?? 0;
        _next = 0;
        if (_buffered == 0)
        {
            _reader?.Dispose();
            _reader = null;
        }

        return _buffered > 0;
    }

    private void End()
    {
        _reader?.Dispose();
        _reader = null;
        _finishedAt = _tick;
    }
}
