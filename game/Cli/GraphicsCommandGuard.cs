using VmQuest.Platform;

namespace VmQuest.Cli;

/// <summary>
/// Runs the body of a command that needs graphics and turns a missing graphics stack into one clear line on
/// stderr and a non-zero exit, never a stack trace. Every windowed or screenshot command goes through it.
/// </summary>
internal static class GraphicsCommandGuard
{
    /// <summary>
    /// Exit status when the window, display, renderer, libraries or fonts are unavailable: 1, like every other
    /// failure that is not bad usage (the README's error style: 1 for a rejected input or environment, 2 for usage).
    /// </summary>
    public const int PlatformUnavailableExitCode = 1;

    /// <summary>Exit status when a screenshot could not be written.</summary>
    public const int OutputFailedExitCode = 1;

    /// <summary>Runs <paramref name="body"/>; reports platform and file errors on <paramref name="error"/>.</summary>
    public static int Run(TextWriter error, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (PlatformUnavailableException e)
        {
            error.WriteLine(e.Message);
            return PlatformUnavailableExitCode;
        }
        catch (DllNotFoundException e)
        {
            // Only reachable if a library vanished after the up-front check; the resolver's message is one line.
            error.WriteLine(e.Message);
            return PlatformUnavailableExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message.StartsWith("vmquest:", StringComparison.Ordinal) ? e.Message : $"vmquest: {e.Message}");
            return OutputFailedExitCode;
        }
    }
}
