namespace VmQuest.Levels;

/// <summary>
/// Limits a level and the files it names are read under (listed in docs/input-limits.md and docs/levels.md).
/// YAML nesting, alias and node limits are the machine reader's, shared (<c>InputLimits.Yaml*</c>).
/// </summary>
public static class LevelLimits
{
    /// <summary>Largest level file; a level with inline programs is a few KiB.</summary>
    public const int LevelFileBytes = 1024 * 1024;

    /// <summary>Largest trace file a level ships (a reference string of a million pages is about 7 MiB).</summary>
    public const int TraceFileBytes = 16 * 1024 * 1024;

    /// <summary>Largest ELF a level ships: the project's small static programs are a few KiB.</summary>
    public const int ElfFileBytes = 16 * 1024 * 1024;

    /// <summary>Largest reference solution (replay) file.</summary>
    public const int SolutionFileBytes = 16 * 1024 * 1024;

    /// <summary>Most distinct files one level may use.</summary>
    public const int Files = 64;

    /// <summary>Most files and folders a folder of levels may hold, counted while it is scanned (a course has dozens).</summary>
    public const int FolderEntries = 100_000;

    /// <summary>Most processes of one level.</summary>
    public const int Processes = 16;

    /// <summary>Most traces of one level.</summary>
    public const int Traces = 16;

    /// <summary>Most goals of one level.</summary>
    public const int Goals = 16;

    /// <summary>Longest title.</summary>
    public const int TitleLength = 120;

    /// <summary>Longest briefing or hint.</summary>
    public const int TextLength = 4000;

    /// <summary>Longest path a level may name.</summary>
    public const int PathLength = 1024;

    /// <summary>Most symbolic links followed while resolving one path (Linux's own limit, MAXSYMLINKS).</summary>
    public const int SymlinkHops = 40;
}
