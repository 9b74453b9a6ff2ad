namespace VmQuest.Engine.Formats.Maps;

/// <summary>The four-character permission column of <c>/proc/PID/maps</c> (<c>r</c>, <c>w</c>, <c>x</c>, <c>s</c>/<c>p</c>).</summary>
[Flags]
public enum MapsPermissions
{
    /// <summary>No access, private (<c>---p</c>).</summary>
    None = 0,

    /// <summary><c>r</c>.</summary>
    Read = 1,

    /// <summary><c>w</c>.</summary>
    Write = 2,

    /// <summary><c>x</c>.</summary>
    Execute = 4,

    /// <summary><c>s</c> (shared) instead of <c>p</c> (private).</summary>
    Shared = 8,
}
