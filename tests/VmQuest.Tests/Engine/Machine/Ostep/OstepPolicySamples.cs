namespace VmQuest.Tests.Engine.Machine.Ostep;

/// <summary>Problems in the shape paging-policy.py prints without -c, written for these tests.</summary>
internal static class OstepPolicySamples
{
    /// <summary>Generated addresses (-a -1): the pages appear only on the Access lines.</summary>
    public static string Generated(string policy = "FIFO", int cacheSize = 3) => $"""
        ARG addresses -1
        ARG addressfile 
        ARG numaddrs 10
        ARG policy {policy}
        ARG clockbits 2
        ARG cachesize {cacheSize}
        ARG maxpage 10
        ARG seed 0
        ARG notrace False

        Assuming a replacement policy of {policy}, and a cache of size {cacheSize} pages,
        figure out whether each of the following page references hit or miss
        in the page cache.

        Access: 8  Hit/Miss?  State of Memory?
        Access: 7  Hit/Miss?  State of Memory?
        Access: 4  Hit/Miss?  State of Memory?
        Access: 2  Hit/Miss?  State of Memory?
        Access: 5  Hit/Miss?  State of Memory?
        Access: 4  Hit/Miss?  State of Memory?
        Access: 7  Hit/Miss?  State of Memory?
        Access: 3  Hit/Miss?  State of Memory?
        Access: 4  Hit/Miss?  State of Memory?
        Access: 5  Hit/Miss?  State of Memory?

        """;

    /// <summary>Listed addresses (-a 1,2,…) with the Access lines too.</summary>
    public static string Listed(string policy, int cacheSize, params int[] pages) =>
        $"ARG addresses {string.Join(',', pages)}\nARG policy {policy}\nARG cachesize {cacheSize}\n\n"
        + $"Assuming a replacement policy of {policy}, and a cache of size {cacheSize} pages,\nfigure out whether each of the following page references hit or miss\nin the page cache.\n\n"
        + string.Concat(pages.Select(p => $"Access: {p}  Hit/Miss?  State of Memory?\n"));
}
