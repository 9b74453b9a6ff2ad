using System.Diagnostics;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// A fact that compares VmQuest with the machine's own kernel through a C program compiled with gcc at test time.
/// Written for Linux 6.18 on x86-64 with transparent huge pages in <c>madvise</c> mode and overcommit 0 (the
/// heuristic); skipped, saying which of these differs, anywhere else.
/// </summary>
public sealed class RealKernelFactAttribute : FactAttribute
{
    public RealKernelFactAttribute()
    {
        Skip = RealKernel.WhyNot();
    }
}

/// <summary>A theory that compares VmQuest with the machine's own kernel; skipped as <see cref="RealKernelFactAttribute"/> is.</summary>
public sealed class RealKernelTheoryAttribute : TheoryAttribute
{
    public RealKernelTheoryAttribute()
    {
        Skip = RealKernel.WhyNot();
    }
}

/// <summary>Checks the machine against the one the comparisons were written for, and builds and runs their C programs.</summary>
internal static class RealKernel
{
    /// <summary>Null when this machine is Linux 6.18 x86-64, THP madvise, overcommit 0, with gcc; else why not.</summary>
    public static string? WhyNot()
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

    /// <summary>Compiles <paramref name="source"/> with gcc -O0 and runs it; returns its standard output.</summary>
    public static string CompileAndRun(string source) => CompileAndRun(source, [], []);

    /// <summary>
    /// Compiles <paramref name="source"/> with gcc -O0 and <paramref name="flags"/>, runs it behind
    /// <paramref name="prefix"/> (e.g. <c>setarch -R</c>), and returns its standard output.
    /// </summary>
    public static string CompileAndRun(string source, string[] flags, string[] prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vmquest-kernel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var program = Compile(source, directory, flags);
            return prefix.Length == 0 ? Run(program) : Run(prefix[0], [.. prefix[1..], program]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Compiles <paramref name="source"/> into <paramref name="directory"/>; returns the program's path.</summary>
    public static string Compile(string source, string directory, params string[] flags)
    {
        var c = Path.Combine(directory, "program.c");
        var program = Path.Combine(directory, "program");
        File.WriteAllText(c, source);
        var (status, _, error) = Execute("gcc", [.. flags, "-O0", "-Wall", "-o", program, c]);
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

    private static (int Status, string Output, string Error) Execute(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "(no " + path + ")";
}
