using System.Diagnostics;
using VmQuest.Tests.Game.Platform;

namespace VmQuest.Tests.Game.City;

/// <summary>
/// The real <c>vmquest sandbox</c> executable in an X11 window under Xvfb, driven by xdotool: max speed, pause with
/// Space, zoom with the wheel, leave with Escape — then its exit line says what state it ended in.
/// </summary>
[Collection(SdlTestGroup.Name)]
public sealed class SandboxProcessWindowTests
{
    [XvfbFact]
    public void VmquestSandbox_KeysAndWheelFromXdotool_EndPausedAndZoomedIn()
    {
        var executable = GameExecutable.Path;
        using var xvfb = XvfbServer.Start();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { executable, "sandbox", "--frames", "65536", "--processes", "8" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DISPLAY"] = xvfb.Display;
        start.Environment["SDL_VIDEODRIVER"] = "x11";
        using var sandbox = Process.Start(start)!;
        try
        {
            var window = xvfb.XDoTool("search", "--sync", "--name", "VmQuest sandbox").Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            xvfb.XDoTool("windowfocus", "--sync", window);
            xvfb.XDoTool("key", "3"); // max speed: the window must keep answering
            Thread.Sleep(800);
            xvfb.XDoTool("key", "space");
            Thread.Sleep(300);
            xvfb.XDoTool("mousemove", "--window", window, "450", "280");
            xvfb.XDoTool("click", "4");
            xvfb.XDoTool("click", "4");
            Thread.Sleep(300);
            xvfb.XDoTool("key", "Escape");
            Assert.True(sandbox.WaitForExit(15_000), "vmquest sandbox did not close on Escape");
            var output = sandbox.StandardOutput.ReadToEnd();
            Assert.True(sandbox.ExitCode == 0, sandbox.StandardError.ReadToEnd());
            Assert.Contains("speed paused", output, StringComparison.Ordinal);
            var zoom = double.Parse(output.Split("zoom ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(zoom > 3.0, $"wheel did not zoom in (the whole city fits at about 2.2 px/lot): {output}");
            var ticks = long.Parse(output.Split("sandbox: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ticks > 20, $"max speed ran only {ticks} ticks");
        }
        finally
        {
            if (!sandbox.HasExited)
            {
                sandbox.Kill();
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(":55")]
    public void VmquestSandbox_NoDisplay_Issue8_SaysSoInOneLineAndExits1(string? display)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { GameExecutable.Path, "sandbox" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("DISPLAY");
        start.Environment.Remove("WAYLAND_DISPLAY");
        start.Environment.Remove("SDL_VIDEODRIVER");
        if (display is not null)
        {
            start.Environment["DISPLAY"] = display; // nothing listens there
        }

        using var sandbox = Process.Start(start)!;
        try
        {
            // A generous ceiling only so a regression cannot hang CI; the command answers at once.
            Assert.True(sandbox.WaitForExit(60_000), "vmquest sandbox ran without a display instead of refusing");
            var error = sandbox.StandardError.ReadToEnd();
            Assert.Equal(1, sandbox.ExitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("vmquest: no display could be opened", line, StringComparison.Ordinal);
            Assert.Contains("--screenshot FILE", line, StringComparison.Ordinal);
            Assert.Empty(sandbox.StandardOutput.ReadToEnd());
        }
        finally
        {
            if (!sandbox.HasExited)
            {
                sandbox.Kill();
            }
        }
    }

}
