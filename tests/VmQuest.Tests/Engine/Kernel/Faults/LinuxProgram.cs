using System.Diagnostics;
using VmQuest.Tests.Engine.Formats.Elf;

namespace VmQuest.Tests.Engine.Kernel.Faults;

/// <summary>
/// A small C program compiled with gcc and run on this machine, to compare the kernel's answer with the real
/// kernel's. The comparisons were written for Linux 6.18 on x86-64, THP <c>madvise</c>, overcommit 0 (heuristic):
/// <see cref="Unavailable"/> says why a machine cannot give the answer the test was written for.
/// </summary>
internal static class LinuxProgram
{
    /// <summary>Null when this machine is the one the comparisons were written for (gcc present too), else why not.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux() || LiveProcess.FindOnPath("gcc") is null)
        {
            return "not Linux or no gcc";
        }

        var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var thp = ReadOrEmpty("/sys/kernel/mm/transparent_hugepage/enabled");
        var overcommit = ReadOrEmpty("/proc/sys/vm/overcommit_memory").Trim();
        return release.StartsWith("6.18", StringComparison.Ordinal) && thp.Contains("[madvise]", StringComparison.Ordinal) && overcommit == "0"
            ? null
            : $"written for Linux 6.18, THP madvise, overcommit 0; this is {release}, THP {thp.Trim()}, overcommit {overcommit}";
    }

    /// <summary>Compiles <paramref name="source"/> (-O0) and runs it with <paramref name="arguments"/>; returns its standard output.</summary>
    public static string Run(string source, params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vmquest-linux-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var c = Path.Combine(directory, "program.c");
            var exe = Path.Combine(directory, "program");
            File.WriteAllText(c, source);
            var (status, _, error) = Start("gcc", "-O0", "-o", exe, c);
            Assert.True(status == 0, "gcc: " + error);
            var (runStatus, output, runError) = Start(exe, arguments);
            Assert.True(runStatus == 0, runError);
            return output;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The value of <c>name=</c> in a line of <c>name=value</c> words.</summary>
    public static long Field(string line, string name)
    {
        var word = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith(name + "=", StringComparison.Ordinal));
        return long.Parse(word[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static (int Status, string Output, string Error) Start(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result, error);
    }
}
