namespace VmQuest.Engine.Kernel.Memory;

/// <summary>
/// How to find the PTEs that map an anonymous frame again (Linux's anonymous <c>index</c>): the address it is
/// mapped at in every process that shares it, since fork keeps addresses. A file frame's PTEs are found through
/// its <see cref="FrameBacking"/> instead. Written only by <see cref="FrameTable"/>.
/// </summary>
public struct FrameReverseMap
{
    /// <summary>The address an anonymous page is mapped at in every process that shares it (for a file page, where it was first wanted).</summary>
    public ulong VirtualAddress;
}
