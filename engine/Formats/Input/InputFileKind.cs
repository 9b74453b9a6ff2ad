namespace VmQuest.Engine.Formats.Input;

/// <summary>What a path names, as <c>stat</c> reports it (symbolic links followed).</summary>
public enum InputFileKind
{
    /// <summary>The path could not be examined for another reason (permission on a directory, a loop of links…).</summary>
    Unknown,

    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file: the only kind a reader opens.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A named pipe: opening it for reading blocks until a writer appears.</summary>
    NamedPipe,

    /// <summary>A character device such as <c>/dev/zero</c> or a terminal: it may never end.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}

/// <summary>Words for an <see cref="InputFileKind"/>, shared by every message that names what a path is.</summary>
public static class InputFileKinds
{
    /// <summary>The kind as a noun phrase: "a directory", "a named pipe (FIFO)", "a character device"…</summary>
    public static string Noun(this InputFileKind kind) => kind switch
    {
        InputFileKind.Regular => "a regular file",
        InputFileKind.Directory => "a directory",
        InputFileKind.NamedPipe => "a named pipe (FIFO)",
        InputFileKind.CharacterDevice => "a character device",
        InputFileKind.BlockDevice => "a block device",
        InputFileKind.Socket => "a socket",
        _ => "not a regular file",
    };
}
