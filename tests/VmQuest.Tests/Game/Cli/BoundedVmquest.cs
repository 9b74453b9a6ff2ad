using System.Diagnostics;

namespace VmQuest.Tests.Game.Cli;

/// <summary>
/// Runs the built <c>vmquest</c> in a child process under hard ceilings set by the harness, not by wall-clock luck:
/// a CPU-time rlimit (the kernel kills it with SIGXCPU past it) and a GC heap hard limit (the runtime throws
/// OutOfMemoryException past it, which would surface as a stack trace and a non-zero, non-1 exit). A generous
/// wall-clock timeout only keeps a hung CI from waiting forever.
/// </summary>
internal static class BoundedVmquest
{
    public static (int Status, string Output, string Error) Run(int cpuSeconds, long heapBytes, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "vmquest.dll");
        var quoted = string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"ulimit -t {cpuSeconds}; exec dotnet '{dll}' {quoted}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{heapBytes:x}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("vmquest did not end within two minutes of wall-clock time");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
