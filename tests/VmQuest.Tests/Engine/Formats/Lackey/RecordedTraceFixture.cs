using System.Diagnostics;
using System.Globalization;

namespace VmQuest.Tests.Engine.Formats.Lackey;

/// <summary>
/// Records real lackey traces once per test run: <c>/bin/true</c>, and a tiny C program (compiled with gcc into a
/// temp directory) that stores 4 bytes across a page boundary of a page-aligned buffer and prints its address.
/// </summary>
public sealed class RecordedTraceFixture : IDisposable
{
    private const string Program = """
        #include <stdio.h>
        static char buf[3 * 4096] __attribute__((aligned(4096)));
        int main(void)
        {
            printf("%p\n", (void *)buf);
            fflush(stdout);
            *(volatile int *)(buf + 4094) = 0x12345678; /* straddles pages 0 and 1 of buf */
            for (int i = 0; i < 3 * 4096; i += 4096)
                buf[i] = 1;
            return 0;
        }
        """;

    public RecordedTraceFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vmquest-lackey-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        if (FindOnPath("valgrind") is null)
        {
            SkipReason = "valgrind is not installed: recorded-trace tests skipped";
            return;
        }

        TruePath = Path.Combine(Directory, "true.lackey");
        Run("valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=" + TruePath, "/bin/true");

        if (FindOnPath("gcc") is not null)
        {
            string source = Path.Combine(Directory, "straddle.c");
            string binary = Path.Combine(Directory, "straddle");
            File.WriteAllText(source, Program);
            Run("gcc", "-O0", "-o", binary, source);
            ProgramTracePath = Path.Combine(Directory, "straddle.lackey");
            string stdout = Run("valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=" + ProgramTracePath, binary);
            BufferAddress = ulong.Parse(stdout.Trim().AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
    }

    public string Directory { get; }

    public string? SkipReason { get; }

    public string? TruePath { get; }

    public string? ProgramTracePath { get; }

    public ulong BufferAddress { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({p.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
