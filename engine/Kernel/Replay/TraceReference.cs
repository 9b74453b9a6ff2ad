using VmQuest.Engine.Machine.Walk;

namespace VmQuest.Engine.Kernel.Replay;

/// <summary>
/// One page touch of a replayed trace: the page's number and how it is touched. A trace access whose bytes
/// cross a page boundary becomes one reference per page, in address order (DESIGN.md §5).
/// </summary>
/// <param name="Page">Virtual page number (virtual address shifted right by the page shift).</param>
/// <param name="Kind">Read, write or instruction fetch; a lackey modify (<c>M</c>) is a write, which needs and
/// implies read access, so one reference both reads and writes as the hardware's single access does.</param>
public readonly record struct TraceReference(ulong Page, AccessKind Kind);
