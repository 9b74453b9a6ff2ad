using System.Numerics;
using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Machine.Description;
using VmQuest.Engine.Machine.Walk;
using VmQuest.Platform;

namespace VmQuest.City.Hud;

/// <summary>
/// The narrated event log: the newest kernel events in words, newest on top ("t312 pid 3 write 0x4051a0:
/// demand-zero → frame 12"). Formats into a stack buffer each frame, so drawing allocates nothing.
/// </summary>
public static class EventLogPanel
{
    /// <summary>Lines shown.</summary>
    public const int Rows = 6;

    private const float RowHeight = 15;

    // Small enough that a line with a 48-bit address and a 4-digit frame fits the side panel (about 350 px).
    private const float LineSize = 10;

    /// <summary>Height the panel needs.</summary>
    public static float Height => 22 + (Rows * RowHeight);

    /// <summary>Draws the log into <paramref name="area"/> (text past its right edge is clipped).</summary>
    public static void Draw(IRenderBackend backend, RectF area, KernelEventLog log, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(machine);
        backend.DrawText("Event log (事件) · newest first", new Vector2(area.X, area.Y), 14, Palette.Text);
        if (log.Count == 0)
        {
            backend.DrawText("nothing yet: press N to step one tick", new Vector2(area.X, area.Y + 20), 12, Palette.TextDim);
            return;
        }

        Span<char> text = stackalloc char[128];
        backend.SetClip(area);
        for (var i = 0; i < Rows && i < log.Count; i++)
        {
            var e = log.Newest(i);
            var written = Elide(backend, text, Format(text, e, machine), area.Width);
            var colour = e.Kind == LoggedEventKind.Fault ? (e.Outcome.IsSegv() || e.Outcome == FaultOutcome.OutOfMemory ? Palette.Fault : Palette.HudText) : Palette.TextDim;
            backend.DrawDynamicText(text[..written], new Vector2(area.X, area.Y + 20 + (i * RowHeight)), LineSize, colour);
        }

        backend.SetClip(null);
    }

    // Character advances at the log's size, measured once per backend (the panel itself keeps no state).
    private static TextWidths? _widths;
    private static IRenderBackend? _widthsOf;

    /// <summary>
    /// Shortens a line that does not fit <paramref name="width"/> and ends it with "…", so a cut is visible
    /// instead of the frame number silently losing digits at the panel's edge.
    /// </summary>
    private static int Elide(IRenderBackend backend, Span<char> text, int length, float width)
    {
        if (!ReferenceEquals(_widthsOf, backend))
        {
            (_widths, _widthsOf) = (new TextWidths(backend, LineSize), backend);
        }

        if (_widths!.Of(text[..length]) <= width)
        {
            return length;
        }

        var ellipsis = _widths.Of("…");
        while (length > 1 && _widths.Of(text[..length]) + ellipsis > width)
        {
            length--;
        }

        text[length] = '…';
        return length + 1;
    }

    /// <summary>Writes the words for <paramref name="e"/> into <paramref name="text"/>; returns the length (clipped to the buffer).</summary>
    public static int Format(Span<char> text, in LoggedEvent e, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var c = TextSpan.Culture;
        bool ok;
        int written;
        switch (e.Kind)
        {
            case LoggedEventKind.Fault when e.Outcome.IsSegv() || e.Outcome is FaultOutcome.OutOfMemory or FaultOutcome.AwaitingDecision:
                ok = text.TryWrite(c, $"t{e.Tick} pid {e.Pid} {AccessWord(e.Access)} 0x{e.Va:x}: {OutcomeWords(e.Outcome)}", out written);
                break;
            case LoggedEventKind.Fault:
                ok = text.TryWrite(c, $"t{e.Tick} pid {e.Pid} {AccessWord(e.Access)} 0x{e.Va:x}: {OutcomeWords(e.Outcome)} → frame {e.Frame}", out written);
                break;
            case LoggedEventKind.Eviction when e.Slot != 0:
                ok = text.TryWrite(c, $"t{e.Tick} reclaim: frame {e.Frame} (VA 0x{e.Va:x}) to swap slot {e.Slot}", out written);
                break;
            case LoggedEventKind.Eviction:
                ok = text.TryWrite(c, $"t{e.Tick} reclaim: frame {e.Frame} dropped (clean: the file has it)", out written);
                break;
            case LoggedEventKind.Switch:
                ok = text.TryWrite(c, $"t{e.Tick} switch to pid {e.Pid}: {machine.RootRegister} loaded, {(e.Flag ? "TLB flushed" : machine.AddressSpaceId + " keeps the TLB")}", out written);
                break;
            case LoggedEventKind.Fork:
                ok = text.TryWrite(c, $"t{e.Tick} pid {e.OtherPid} forks pid {e.Pid}: pages shared copy-on-write", out written);
                break;
            default:
                ok = e.OtherPid switch
                {
                    0 => text.TryWrite(c, $"t{e.Tick} pid {e.Pid} exits (status {e.Slot}): its frames are freed", out written),
                    9 => text.TryWrite(c, $"t{e.Tick} pid {e.Pid} killed by the OOM killer (SIGKILL)", out written),
                    11 => text.TryWrite(c, $"t{e.Tick} pid {e.Pid} killed by SIGSEGV", out written),
                    15 => text.TryWrite(c, $"t{e.Tick} pid {e.Pid} killed by SIGTERM: its frames are freed", out written),
                    _ => text.TryWrite(c, $"t{e.Tick} pid {e.Pid} killed by signal {e.OtherPid}", out written),
                };
                break;
        }

        return ok ? written : text.Length;
    }

    /// <summary>The verb for an access.</summary>
    public static string AccessWord(AccessKind access) => access switch
    {
        AccessKind.Write => "write",
        AccessKind.Execute => "fetch",
        _ => "read",
    };

    /// <summary>How a fault was resolved, in words.</summary>
    public static string OutcomeWords(FaultOutcome outcome) => outcome switch
    {
        FaultOutcome.DemandZero => "demand-zero",
        FaultOutcome.FileRead => "read from file",
        FaultOutcome.PageCacheHit => "page-cache hit",
        FaultOutcome.SwapIn => "swap-in",
        FaultOutcome.CowCopy => "COW copy",
        FaultOutcome.CowReuse => "COW reuse",
        FaultOutcome.SharedWriteNotify => "shared page made writable and dirty",
        FaultOutcome.StackGrowth => "stack grew, demand-zero",
        FaultOutcome.Spurious => "spurious fault (already mapped)",
        FaultOutcome.SegvNoMapping => "SIGSEGV, no mapping there",
        FaultOutcome.SegvWriteProtected => "SIGSEGV, write to read-only memory",
        FaultOutcome.SegvNoExecute => "SIGSEGV, fetch from no-execute memory",
        FaultOutcome.SegvNoRead => "SIGSEGV, no read permission",
        FaultOutcome.SegvKernelAddress => "SIGSEGV, kernel address",
        FaultOutcome.SegvGeneralProtection => "SIGSEGV, #GP: non-canonical address",
        FaultOutcome.OutOfMemory => "out of memory, the OOM killer ends it",
        _ => "waits for a decision",
    };
}
