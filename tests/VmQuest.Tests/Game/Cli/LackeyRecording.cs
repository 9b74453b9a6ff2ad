using System.Diagnostics;
using System.Globalization;

namespace VmQuest.Tests.Game.Cli;

/// <summary>
/// Records a real valgrind lackey trace once per test run: a tiny C program compiled with gcc (stores striding
/// over 48 pages, so data pages compete with code and stack), or <c>/bin/true</c> when gcc is missing.
/// </summary>
internal static class LackeyRecording
{
    private const string Program = """
        static volatile char buffer[48 * 4096];
        int main(void)
        {
            for (int round = 0; round < 3; round++)
                for (int i = 0; i < 48; i++)
                    buffer[i * 4096 + round * 64] += (char)i;
            return buffer[4096] == 7;
        }
        """;

    private static readonly Lazy<string?> Trace = new(Record);

    /// <summary>True when valgrind is on the PATH.</summary>
    public static bool ValgrindAvailable { get; } = Which("valgrind") is not null;

    /// <summary>The recorded trace's path (recorded on first use).</summary>
    public static string Path => Trace.Value ?? throw new InvalidOperationException("valgrind could not record a trace");

    private static string? Record()
    {
        if (!ValgrindAvailable)
        {
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("vmquest-lackey-").FullName;
        var program = "/bin/true";
        if (Which("gcc") is not null)
        {
            File.WriteAllText(System.IO.Path.Combine(dir, "touch.c"), Program);
            var binary = System.IO.Path.Combine(dir, "touch");
            if (RunProcess("gcc", "-O1", "-o", binary, System.IO.Path.Combine(dir, "touch.c")) == 0)
            {
                program = binary;
            }
        }

        var trace = System.IO.Path.Combine(dir, "trace.lackey");
        RunProcess("valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=" + trace, program);
        return File.Exists(trace) ? trace : null;
    }

    private static int RunProcess(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => System.IO.Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>
    /// The trace's page touches computed independently of the engine's readers: each I/L/S/M line is one
    /// access, expanded to every page its bytes cover, in address order.
    /// </summary>
    public static List<long> PageTouches(string path)
    {
        var pages = new List<long>();
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.TrimStart();
            if (trimmed.Length < 2 || "ILSM".IndexOf(trimmed[0], StringComparison.Ordinal) < 0 || trimmed[1] != ' ')
            {
                continue;
            }

            var parts = trimmed[1..].Trim().Split(',');
            var address = ulong.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var size = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
            for (var page = address >> 12; page <= (address + size - 1) >> 12; page++)
            {
                pages.Add((long)page);
            }
        }

        return pages;
    }
}

/// <summary>A fact that is skipped, saying why, when valgrind is not installed.</summary>
internal sealed class ValgrindFactAttribute : FactAttribute
{
    public ValgrindFactAttribute()
    {
        if (!LackeyRecording.ValgrindAvailable)
        {
            Skip = "valgrind is not installed, so no real lackey trace can be recorded (apt-get install valgrind)";
        }
    }
}

/// <summary>A theory that is skipped, saying why, when valgrind is not installed.</summary>
internal sealed class ValgrindTheoryAttribute : TheoryAttribute
{
    public ValgrindTheoryAttribute()
    {
        if (!LackeyRecording.ValgrindAvailable)
        {
            Skip = "valgrind is not installed, so no real lackey trace can be recorded (apt-get install valgrind)";
        }
    }
}
