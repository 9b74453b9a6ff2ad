using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels;

/// <summary>
/// The folder rule: a level may name files only inside its own folder. A path is refused unless, after every
/// symbolic link and <c>..</c> is resolved, it lies strictly inside the folder (itself resolved) and names a
/// regular file; absolute paths, <c>../x</c>, a link pointing out, <c>/bin/ls</c>, a device or a FIFO each get
/// one line at the field that names them. Files are read whole, once, through <see cref="InputFile"/>.
/// </summary>
internal sealed class LevelFolder
{
    private readonly Dictionary<string, LevelFile> _files = new(StringComparer.Ordinal);
    private readonly string _shownFolder;

    /// <summary>Opens the folder of the level file <paramref name="levelPath"/> (as the user named it).</summary>
    public LevelFolder(string levelPath)
    {
        _shownFolder = Path.GetDirectoryName(levelPath) ?? "";
        Root = RealPath(Path.GetFullPath(_shownFolder.Length == 0 ? "." : _shownFolder));
    }

    /// <summary>The folder, resolved.</summary>
    public string Root { get; }

    /// <summary>Every file read so far, by relative path.</summary>
    public IReadOnlyCollection<LevelFile> Files => _files.Values;

    /// <summary>Reads the file <paramref name="node"/> names (at most <paramref name="maxBytes"/>).</summary>
    public LevelFile Read(LevelNode node, int maxBytes, string what)
    {
        string written = node.Text("a path inside the level's folder", LevelLimits.PathLength);
        return Read(written, node, maxBytes, what);
    }

    /// <summary>Reads the file at <paramref name="written"/> (a path as the level wrote it); errors point at <paramref name="node"/>.</summary>
    public LevelFile Read(string written, LevelNode node, int maxBytes, string what)
    {
        string relative = Confine(written, node);
        if (_files.TryGetValue(relative, out var known))
        {
            return known.Bytes.Length > maxBytes ? throw node.Error($"{OneLine.Quote(written)} is larger than the {InputLimits.Describe(maxBytes)} limit for {what}") : known;
        }

        if (_files.Count >= LevelLimits.Files)
        {
            throw node.Error($"a level may use at most {LevelLimits.Files} files");
        }

        string full = Path.Join(Root, relative);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(full, maxBytes, what);
        }
        catch (FormatParseException e)
        {
            // InputFile's message is "FULLPATH: reason"; say it about the path as the level wrote it.
            string reason = e.Message.StartsWith(full + ": ", StringComparison.Ordinal) ? e.Message[(full.Length + 2)..] : e.Message;
            throw node.Error($"{OneLine.Quote(written)}: {reason}");
        }

        var file = new LevelFile(relative, full, bytes);
        _files.Add(relative, file);
        return file;
    }

    /// <summary>How a message should name a file of the folder: the folder as the user named it, joined with the relative path.</summary>
    public string Shown(LevelFile file) => _shownFolder.Length == 0 ? file.RelativePath : Path.Join(_shownFolder, file.RelativePath);

    /// <summary>The path's place inside the folder (<c>/</c>-separated), or a one-line refusal at <paramref name="node"/>.</summary>
    public string Confine(string written, LevelNode node)
    {
        if (written.Contains('\0', StringComparison.Ordinal) || written.Contains('\\', StringComparison.Ordinal))
        {
            throw node.Error($"expected a path inside the level's folder with '/' separators, found {OneLine.Quote(written)}");
        }

        if (Path.IsPathRooted(written) || written.StartsWith('~'))
        {
            throw node.Error($"expected a path inside the level's folder, found the absolute path {OneLine.Quote(written)}; a level may name only its own files");
        }

        string resolved;
        try
        {
            resolved = RealPath(Path.GetFullPath(Path.Join(Root, written)));
        }
        catch (IOException)
        {
            throw node.Error($"{OneLine.Quote(written)}: too many levels of symbolic links");
        }

        string prefix = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!resolved.StartsWith(prefix, StringComparison.Ordinal) || resolved.Length == prefix.Length)
        {
            throw node.Error($"{OneLine.Quote(written)} resolves to {OneLine.Quote(resolved)}, outside the level's folder; a level may name only files inside its own folder");
        }

        return resolved[prefix.Length..].Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// <paramref name="path"/> (absolute, normalised) with every symbolic link resolved, component by component,
    /// as realpath(3) does; components that do not exist are kept as they are (the read then says so).
    /// </summary>
    /// <exception cref="IOException">More than <see cref="LevelLimits.SymlinkHops"/> links (a loop).</exception>
    internal static string RealPath(string path)
    {
        int hops = 0;
        return Resolve(path, ref hops);
    }

    private static string Resolve(string path, ref int hops)
    {
        string root = Path.GetPathRoot(path) ?? "/";
        string current = root;
        foreach (string part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Join(current, part);
            string? target = LinkTarget(next);
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > LevelLimits.SymlinkHops)
            {
                throw new IOException("too many levels of symbolic links");
            }

            // A relative target is relative to the link's directory, which is already resolved.
            current = Resolve(Path.GetFullPath(target, current), ref hops);
        }

        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
