namespace VmQuest.Tests.Game.Platform;

/// <summary>A fact that needs Xvfb and xdotool; skipped, saying what to install, when either is missing.</summary>
public sealed class XvfbFactAttribute : FactAttribute
{
    public XvfbFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs an X server (Xvfb) and xdotool, which exist only on Linux";
        }
        else if (XvfbServer.FindExecutable("Xvfb") is null || XvfbServer.FindExecutable("xdotool") is null)
        {
            Skip = "Xvfb or xdotool is not installed (sudo apt-get install xvfb xauth xdotool)";
        }
    }
}
