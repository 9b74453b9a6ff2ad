using System.Diagnostics;

namespace VmQuest.Tests.Engine.Kernel;

/// <summary>
/// The real kernel these comparisons were written against, and a way to ask it: compiles a small C program with
/// gcc and runs it. <see cref="SkipReason"/> is non-null (and the comparison must skip) unless this host is
/// Linux 6.18 on x86-64 with THP in <c>madvise</c> mode, the default overcommit heuristic (0) and gcc.
/// </summary>
internal static class LinuxHost
{
    /// <summary>What the comparisons were written for, as their output states.</summary>
    public const string WrittenFor = "Linux 6.18 x86-64, THP madvise, vm.overcommit_memory 0";

    private static readonly Lazy<string?> Skip = new(FindSkipReason);

    /// <summary>Why this host cannot stand for the kernel the tests were written for, or null when it can.</summary>
    public static string? SkipReason => Skip.Value;

    /// <summary>Compiles <paramref name="source"/> (C) and runs it; returns its standard output. Throws when either fails.</summary>
    public static string CompileAndRun(string source)
    {
        var directory = Path.Combine(Path.GetTempPath(), "vmquest-mm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var c = Path.Combine(directory, "probe.c");
            var binary = Path.Combine(directory, "probe");
            File.WriteAllText(c, source);
            var (compiled, compilerOutput) = Run("gcc", "-O0", "-o", binary, c);
            Assert.True(compiled == 0, "gcc failed:\n" + compilerOutput);
            var (exit, output) = Run(binary);
            Assert.True(exit == 0, $"the probe exited with {exit}:\n{output}");
            return output;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var psi = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string? FindSkipReason()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "not Linux on x86-64";
        }

        var release = ReadOrEmpty("/proc/sys/kernel/osrelease");
        if (!release.StartsWith("6.18", StringComparison.Ordinal))
        {
            return $"kernel {release}, not 6.18";
        }

        if (!ReadOrEmpty("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]", StringComparison.Ordinal))
        {
            return "THP is not in madvise mode";
        }

        if (ReadOrEmpty("/proc/sys/vm/overcommit_memory") != "0")
        {
            return "vm.overcommit_memory is not 0 (the heuristic)";
        }

        return VmQuest.Tests.Engine.Formats.Elf.LiveProcess.FindOnPath("gcc") is null ? "gcc is missing" : null;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
