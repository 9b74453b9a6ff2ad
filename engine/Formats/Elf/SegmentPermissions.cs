namespace VmQuest.Engine.Formats.Elf;

/// <summary>The ELF <c>p_flags</c> permission bits (<c>PF_X</c>, <c>PF_W</c>, <c>PF_R</c>).</summary>
[Flags]
public enum SegmentPermissions : uint
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary><c>PF_X</c>: executable.</summary>
    Execute = 1,

    /// <summary><c>PF_W</c>: writable.</summary>
    Write = 2,

    /// <summary><c>PF_R</c>: readable.</summary>
    Read = 4,
}
