using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VmQuest.Tests.Game.Platform;

/// <summary>
/// Starts a private Xvfb display for one test and points this process (native getenv included) at it; stops
/// the server and restores DISPLAY on dispose.
/// </summary>
internal sealed partial class XvfbServer : IDisposable
{
    private readonly Process _process;
    private readonly string? _previousDisplay;

    private XvfbServer(Process process, string display, string? previousDisplay)
    {
        _process = process;
        Display = display;
        _previousDisplay = previousDisplay;
    }

    public string Display { get; }

    public static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts a server whose screen is <paramref name="screen"/> (WIDTHxHEIGHTxDEPTH).</summary>
    public static XvfbServer Start(string screen = "1024x768x24")
    {
        // -displayfd: Xvfb picks a free display itself and prints its number once it accepts clients, so there
        // is no race with other servers on this machine and no guessing about readiness. -noreset: by default
        // the server resets when its last client leaves and refuses connections meanwhile, so the window opened
        // right after the readiness probe would fail now and then.
        var start = new ProcessStartInfo(FindExecutable("Xvfb")!)
        {
            ArgumentList = { "-displayfd", "1", "-noreset", "-screen", "0", screen, "-nolisten", "tcp" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15)).GetAwaiter().GetResult();
        if (line is null || !int.TryParse(line.Trim(), out var number))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"Xvfb did not report a display (got '{line}')");
        }

        var display = $":{number}";
        var previous = Environment.GetEnvironmentVariable("DISPLAY");
        SetNativeEnvironment("DISPLAY", display); // SDL reads DISPLAY with getenv, which .NET's own copy does not reach
        var server = new XvfbServer(process, display, previous);
        if (!server.TryXDoTool("getdisplaygeometry"))
        {
            server.Dispose();
            throw new InvalidOperationException($"Xvfb {display} does not answer");
        }

        return server;
    }

    private bool TryXDoTool(params string[] arguments)
    {
        try
        {
            XDoTool(arguments);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
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
        if (_previousDisplay is null)
        {
            UnsetEnvironment("DISPLAY");
        }
        else
        {
            SetNativeEnvironment("DISPLAY", _previousDisplay);
        }

        if (!_process.HasExited)
        {
            // SIGTERM, not Process.Kill's SIGKILL, so Xvfb removes its lock file and socket from /tmp.
            _ = Kill(_process.Id, 15);
            if (!_process.WaitForExit(5_000))
            {
                _process.Kill();
                _process.WaitForExit(5_000);
            }
        }

        _process.Dispose();
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

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnsetEnv(string name);
}
