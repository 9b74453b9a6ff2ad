namespace VmQuest.Engine.Kernel.Exec;

/// <summary>
/// The path <c>/proc/PID/maps</c> prints for a mapped file: Linux's <c>d_path</c> of the opened file, absolute with
/// every symbolic link resolved — <c>/usr/bin/python3.11</c> for an execve of <c>/usr/bin/python3</c>,
/// <c>/usr/bin/ls</c> for <c>/bin/ls</c> when <c>/bin</c> links to <c>usr/bin</c>.
/// </summary>
public static class ResolvedPath
{
    // Linux's MAXSYMLINKS: more links than this on one lookup is ELOOP.
    private const int MaxLinks = 40;

    /// <summary>
    /// <paramref name="path"/> made absolute with each component's symbolic links followed (like <c>realpath</c>);
    /// <paramref name="path"/> unchanged when it names no file on disk (an image held in memory under a name) or
    /// the links loop.
    /// </summary>
    public static string Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return path;
        }

        var absolute = Path.GetFullPath(path);
        try
        {
            var links = 0;
            var resolved = "/";
            var pending = new Stack<string>(absolute.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
            while (pending.TryPop(out var part))
            {
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    resolved = Path.GetDirectoryName(resolved) ?? "/";
                    continue;
                }

                var next = Path.Join(resolved, part);
                var target = new FileInfo(next).LinkTarget;
                if (target is null)
                {
                    resolved = next;
                    continue;
                }

                if (++links > MaxLinks)
                {
                    return path;
                }

                // The link's text replaces this component: absolute from the root, relative from its directory.
                resolved = target.StartsWith('/') ? "/" : resolved;
                foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(piece);
                }
            }

            return File.Exists(resolved) ? resolved : absolute;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return absolute;
        }
    }
}
