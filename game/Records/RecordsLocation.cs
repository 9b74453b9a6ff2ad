using System.CommandLine;

namespace VmQuest.Records;

/// <summary>
/// Where the records live: the directory from <c>--data-dir</c>, else <c>$VMQUEST_DATA</c>, else
/// <c>$XDG_DATA_HOME/vmquest</c>, else <c>~/.local/share/vmquest</c> (the XDG default). Every command that reads
/// or writes records resolves it here, so they all agree.
/// </summary>
public static class RecordsLocation
{
    /// <summary>The environment variable that overrides the data directory (below <c>--data-dir</c>).</summary>
    public const string EnvironmentVariable = "VMQUEST_DATA";

    /// <summary>The database's file name inside the data directory.</summary>
    public const string FileName = "records.sqlite3";

    /// <summary>A fresh <c>--data-dir DIR</c> option for any command that touches the records.</summary>
    public static Option<string?> CreateOption() => new("--data-dir")
    {
        Description = $"Directory of the records database ({FileName}); default ${EnvironmentVariable}, else $XDG_DATA_HOME/vmquest, else ~/.local/share/vmquest",
        HelpName = "DIR",
    };

    /// <summary>
    /// The data directory for <paramref name="explicitDirectory"/> (the <c>--data-dir</c> value, or null), made
    /// absolute. The environment is read through <paramref name="environment"/> (tests pass their own).
    /// </summary>
    /// <exception cref="RecordsException">No directory can be found: no option, no variable, no home.</exception>
    public static string Resolve(string? explicitDirectory, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromVariable)
        {
            return Path.GetFullPath(fromVariable);
        }

        // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "vmquest");
        }

        if (environment("HOME") is { Length: > 0 } home && Path.IsPathRooted(home))
        {
            return Path.Combine(home, ".local", "share", "vmquest");
        }

        throw new RecordsException(RecordsRefusal.NoDataDirectory, "records",
            $"no data directory: HOME is not set; use --data-dir DIR or set {EnvironmentVariable}");
    }

    /// <summary>The database file inside <paramref name="dataDirectory"/>.</summary>
    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, FileName);
}
