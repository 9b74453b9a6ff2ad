namespace VmQuest.Engine.Kernel.Faults;

/// <summary>
/// Linux's <c>filemap_fault</c> SIGBUS case: a page wholly past the end of the file is a bus error
/// (<see cref="FaultOutcome.SigBusPastEndOfFile"/>); the tail of the last page is simply zeros.
/// </summary>
internal static class FilemapFault
{
    /// <summary>True when the page at <paramref name="offset"/> of file <paramref name="fileId"/> lies wholly past its end (an unknown length is not).</summary>
    public static bool IsPastEndOfFile(KernelCore kernel, int fileId, ulong offset) =>
        kernel.Files.LengthOf(fileId) is { } length && offset >= RoundUpToPage(kernel, (ulong)length);

    private static ulong RoundUpToPage(KernelCore kernel, ulong bytes)
    {
        var mask = kernel.Machine.Description.PageSize - 1;
        return bytes > ulong.MaxValue - mask ? ulong.MaxValue & ~mask : (bytes + mask) & ~mask;
    }
}
