using System.Diagnostics;
using System.Globalization;

namespace VmQuest.Tests.Game.Cli;

/// <summary>
/// Runs the real built <c>vmquest</c> executable as a child process under hard ceilings — a managed-heap limit
/// (<c>DOTNET_GCHeapHardLimit</c>) and a CPU-time limit (<c>RLIMIT_CPU</c>) — and reports its exit status, both
/// streams, its peak resident memory and the CPU time it used.
/// </summary>
/// <remarks>
/// The peak is the kernel's own high-water mark (<c>ru_maxrss</c> of <c>getrusage(RUSAGE_CHILDREN)</c>, read by a
/// tiny python3 wrapper after it reaps the child), so no peak can be missed between samples. A child that
/// crosses the CPU limit is killed by the kernel (SIGXCPU), which shows as a negative status; the generous
/// wall-clock timeout only catches a child blocked without using CPU and keeps it from hanging the test run.
/// </remarks>
internal static class CeilingRunner
{
    /// <summary>The managed heap the child may use: 384 MiB.</summary>
    public const long HeapLimitBytes = 0x18000000;

    /// <summary>CPU seconds the child may use before the kernel kills it.</summary>
    public const int CpuLimitSeconds = 10;

    // Sets RLIMIT_CPU in the child, runs it with inherited streams, then writes "status maxrss_kib cpu_seconds".
    private const string Wrapper = """
        import resource, subprocess, sys
        cpu, report, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
        def limit():
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        child = subprocess.run(command, preexec_fn=limit, stdin=subprocess.DEVNULL)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(report, "w") as f:
            f.write(f"{child.returncode} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime:.3f}")
        """;

    /// <summary>Runs <c>vmquest ARGS</c> in <paramref name="workingDirectory"/> under the default ceilings and waits for it.</summary>
    public static ChildResult Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, CpuLimitSeconds, HeapLimitBytes, args);

    /// <summary>Runs <c>vmquest ARGS</c> under <paramref name="cpuSeconds"/> of CPU and a <paramref name="heapBytes"/> managed heap.</summary>
    public static ChildResult Run(string workingDirectory, int cpuSeconds, long heapBytes, params string[] args)
    {
        string report = Path.Combine(workingDirectory, $"report-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-c", Wrapper, cpuSeconds.ToString(CultureInfo.InvariantCulture), report, "dotnet", GameExecutable.Path, .. args])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + heapBytes.ToString("x", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("DISPLAY");                      // no window, ever, from a hostile-input run
        start.Environment["SDL_VIDEODRIVER"] = "offscreen";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(Math.Max(60, cpuSeconds * 3))))
        {
            // Blocked without using CPU (a FIFO open, a read from a terminal): the CPU limit cannot catch that.
            process.Kill(entireProcessTree: true);
            Assert.Fail($"vmquest {string.Join(' ', args)} was still running after {Math.Max(60, cpuSeconds * 3)} s");
        }

        process.WaitForExit();
        Assert.True(File.Exists(report), $"the python3 wrapper did not report (is python3 installed?): {stderr.Result}");
        string[] fields = File.ReadAllText(report).Split(' ');
        File.Delete(report);
        return new ChildResult(
            int.Parse(fields[0], CultureInfo.InvariantCulture),
            stdout.Result,
            stderr.Result,
            long.Parse(fields[1], CultureInfo.InvariantCulture),
            double.Parse(fields[2], CultureInfo.InvariantCulture));
    }

}

/// <summary>What a child run produced.</summary>
/// <param name="Status">Exit status; negative when a signal ended it (e.g. -24, SIGXCPU, at the CPU limit).</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="PeakRssKiB">Peak resident set size in KiB (the kernel's high-water mark).</param>
/// <param name="CpuSeconds">User plus system CPU time.</param>
internal sealed record ChildResult(int Status, string Output, string Error, long PeakRssKiB, double CpuSeconds);
