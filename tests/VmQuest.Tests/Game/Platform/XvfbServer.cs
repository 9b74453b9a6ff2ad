using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VmQuest.Tests.Game.Platform;

/// <summary>
/// Starts a private Xvfb display for one test and points this process (native getenv included) at it; stops
/// the server and restores DISPLAY on dispose.
/// </summary>
internal sealed partial class XvfbServer : IDisposable
{
    private readonly Process process;
    private readonly string? previousDisplay;

    private XvfbServer(Process process, string display, string? previousDisplay)
    {
        this.process = process;
        Display = display;
        this.previousDisplay = previousDisplay;
    }

    public string Display { get; }

    public static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static XvfbServer Start()
    {
        var number = Enumerable.Range(90, 60).First(n => !File.Exists($"/tmp/.X{n}-lock") && !File.Exists($"/tmp/.X11-unix/X{n}"));
        var display = $":{number}";
        var start = new ProcessStartInfo(FindExecutable("Xvfb")!)
        {
            ArgumentList = { display, "-screen", "0", "1024x768x24", "-nolisten", "tcp" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var socket = $"/tmp/.X11-unix/X{number}";
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(socket))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                process.Dispose();
                throw new InvalidOperationException($"Xvfb {display} did not start");
            }

            Thread.Sleep(20);
        }

        var previous = Environment.GetEnvironmentVariable("DISPLAY");
        SetNativeEnvironment("DISPLAY", display); // SDL reads DISPLAY with getenv, which .NET's own copy does not reach
        return new XvfbServer(process, display, previous);
    }

    /// <summary>Runs xdotool against this display; returns its standard output.</summary>
    public string XDoTool(params string[] arguments)
    {
        var start = new ProcessStartInfo(FindExecutable("xdotool")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DISPLAY"] = Display;
        using var tool = Process.Start(start)!;
        var output = tool.StandardOutput.ReadToEnd();
        var error = tool.StandardError.ReadToEnd();
        if (!tool.WaitForExit(10_000))
        {
            tool.Kill();
            throw new TimeoutException($"xdotool {string.Join(' ', arguments)} hung");
        }

        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"xdotool {string.Join(' ', arguments)} failed ({tool.ExitCode}): {error}");
        }

        return output;
    }

    public void Dispose()
    {
        if (previousDisplay is null)
        {
            UnsetEnvironment("DISPLAY");
        }
        else
        {
            SetNativeEnvironment("DISPLAY", previousDisplay);
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5_000);
        }

        process.Dispose();
    }

    private static void SetNativeEnvironment(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        _ = SetEnv(name, value, 1);
    }

    private static void UnsetEnvironment(string name)
    {
        Environment.SetEnvironmentVariable(name, null);
        _ = UnsetEnv(name);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);
}
