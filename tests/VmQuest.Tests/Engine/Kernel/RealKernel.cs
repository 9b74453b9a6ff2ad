using System.Diagnostics;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// The one place that checks this machine against the one the real-kernel comparisons were written for (Linux 6.18
/// x86-64, THP <c>madvise</c>, overcommit 0, gcc), and builds and runs their C programs. Used by
/// <see cref="RealKernelFactAttribute"/>, and by the comparisons that skip themselves (printing <see cref="WhyNot"/>).
/// </summary>
internal static class RealKernel
{
    // The machine does not change during a run, and the attributes ask once per test.
    private static readonly Lazy<string?> Reason = new(FindReason);

    /// <summary>Null when this machine is Linux 6.18 x86-64, THP madvise, overcommit 0, with gcc; else why not.</summary>
    public static string? WhyNot() => Reason.Value;

    /// <summary>
    /// Compiles <paramref name="source"/> with gcc -O0 and runs it with <paramref name="arguments"/>; returns its
    /// standard output, failing the test when either step fails.
    /// </summary>
    public static string CompileAndRun(string source, params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vmquest-kernel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            return Run(Compile(source, directory), arguments);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Compiles <paramref name="source"/> into <paramref name="directory"/> with gcc -O0 -Wall and then
    /// <paramref name="flags"/> (so a flag such as -O1 overrides the default); returns the program's path.
    /// </summary>
    public static string Compile(string source, string directory, params string[] flags)
    {
        var c = Path.Combine(directory, "program.c");
        var program = Path.Combine(directory, "program");
        File.WriteAllText(c, source);
        var (status, _, error) = Execute("gcc", ["-O0", "-Wall", .. flags, "-o", program, c]);
        Assert.True(status == 0, $"gcc failed: {error}");
        return program;
    }

    /// <summary>Runs <paramref name="file"/>; returns its standard output, failing the test when it fails.</summary>
    public static string Run(string file, params string[] args)
    {
        var (status, output, error) = Execute(file, args);
        Assert.True(status == 0, $"{file} failed with status {status}: {error}");
        return output;
    }

    private static string? FindReason()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "written for Linux 6.18 on x86-64";
        }

        var release = Read("/proc/sys/kernel/osrelease");
        if (!release.StartsWith("6.18", StringComparison.Ordinal))
        {
            return $"written for Linux 6.18; this kernel is {release}";
        }

        var thp = Read("/sys/kernel/mm/transparent_hugepage/enabled");
        if (!thp.Contains("[madvise]", StringComparison.Ordinal))
        {
            return $"written for transparent huge pages in madvise mode; this machine has {thp}";
        }

        var overcommit = Read("/proc/sys/vm/overcommit_memory");
        if (overcommit != "0")
        {
            return $"written for vm.overcommit_memory 0 (the heuristic); this machine has {overcommit}";
        }

        return Formats.Elf.LiveProcess.FindOnPath("gcc") is null ? "gcc is not installed (apt-get install gcc)" : null;
    }

    private static (int Status, string Output, string Error) Execute(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;

        // Standard error is drained alongside, so a program that fills its pipe cannot block the read of its output.
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "(no " + path + ")";
}
