namespace VmQuest.Replays;

/// <summary>Why a replay file could not be read; <c>vmquest verify</c> reports each as its own reason.</summary>
public enum ReplayProblem
{
    /// <summary>Not a replay, or a line that breaks the format.</summary>
    Malformed,

    /// <summary>The file ends before its <c>end</c> line, or the <c>end</c> line's counts do not match: it was cut short.</summary>
    Truncated,

    /// <summary>Written in a newer replay format than this build reads.</summary>
    NewerFormat,
}
