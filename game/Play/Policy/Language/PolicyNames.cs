namespace VmQuest.Play.Policy.Language;

/// <summary>The facts a policy can read about a page, each as a real kernel knows it.</summary>
public enum PolicyField
{
    /// <summary>The accessed (young) bit of the page's PTE as it is now: 1 if the page was used since it was last cleared.</summary>
    Accessed,

    /// <summary>The dirty bit of the page's PTE as it is now: 1 if the page was written since it was loaded.</summary>
    Dirty,

    /// <summary>The page's load stamp: when it was loaded, on the policy's stamp counter (unique; smaller is older).</summary>
    Loaded,

    /// <summary>1 for a page of a file (page cache), 0 for anonymous memory.</summary>
    File,

    /// <summary>The pid of the process the page belongs to.</summary>
    Owner,

    /// <summary>The page's virtual page number in its process (the reference string's page number on a trace).</summary>
    Page,

    /// <summary>The physical frame holding it.</summary>
    Frame,

    /// <summary>Global: the current tick (the index of the reference being made).</summary>
    Now,

    /// <summary>Global: how many user pages are resident.</summary>
    Resident,

    /// <summary>Global: a fresh stamp, one more than the last stamp given (load stamps come from the same counter).</summary>
    Stamp,
}

/// <summary>The reserved words of the rule language (docs/mechanics/policy.md).</summary>
public static class PolicyNames
{
    /// <summary>Words of the language's structure; none can be a register.</summary>
    public static IReadOnlySet<string> Keywords { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "on", "load", "tick", "evict", "scan", "if", "clear", "skip", "and", "or", "not" };

    /// <summary>Facts a policy reads, by name; none can be assigned.</summary>
    public static IReadOnlyDictionary<string, PolicyField> Fields { get; } = new Dictionary<string, PolicyField>(StringComparer.Ordinal)
    {
        ["accessed"] = PolicyField.Accessed,
        ["dirty"] = PolicyField.Dirty,
        ["loaded"] = PolicyField.Loaded,
        ["file"] = PolicyField.File,
        ["owner"] = PolicyField.Owner,
        ["page"] = PolicyField.Page,
        ["frame"] = PolicyField.Frame,
        ["now"] = PolicyField.Now,
        ["resident"] = PolicyField.Resident,
        ["stamp"] = PolicyField.Stamp,
    };

    /// <summary>Most distinct registers a policy may keep per page.</summary>
    public const int MaxRegisters = 8;
}
