using System.Diagnostics;

namespace VmQuest.Tests.Engine.Randomness;

/// <summary>
/// Runs a small Python 3 script (the oracle a comparison writes at test time) and returns what it prints.
/// Tests that need it use <see cref="PythonFactAttribute"/>, which skips them where python3 is not installed.
/// </summary>
internal static class PythonOracle
{
    private static readonly Lazy<string?> Reason = new(() =>
        VmQuest.Tests.Engine.Formats.Elf.LiveProcess.FindOnPath("python3") is null ? "python3 is not installed (apt-get install python3)" : null);

    /// <summary>Null when python3 is on the PATH; else why the comparison cannot run.</summary>
    public static string? WhyNot() => Reason.Value;

    /// <summary>Runs <paramref name="script"/> with python3 and returns its output lines, failing the test if it fails.</summary>
    public static string[] Run(string script)
    {
        var start = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {error.Result}");
        return output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }
}

/// <summary>A fact compared with python3; skipped where python3 is missing.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        Skip = PythonOracle.WhyNot();
    }
}

/// <summary>A theory compared with python3; skipped where python3 is missing.</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute()
    {
        Skip = PythonOracle.WhyNot();
    }
}
