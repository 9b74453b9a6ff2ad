using VmQuest.Engine.Kernel.Workloads;

namespace VmQuest.Levels.Model;

/// <summary>What a process of a level runs.</summary>
public enum LevelProcessKind
{
    /// <summary>A workload program written in the level file.</summary>
    InlineProgram,

    /// <summary>A workload program (<c>.vmw</c>) in the level's folder.</summary>
    ProgramFile,

    /// <summary>A statically linked ELF executable in the level's folder.</summary>
    Elf,
}

/// <summary>
/// A process the level starts, in the order of the file (the first gets the lowest pid). Invariants: exactly
/// one of <see cref="Program"/> (workload kinds) and <see cref="Elf"/> (ELF kind) is set; <see cref="Args"/> is
/// empty unless the kind is <see cref="LevelProcessKind.Elf"/>.
/// </summary>
/// <param name="Name">A slug, unique among the level's processes; goals name processes by it.</param>
/// <param name="Kind">What it runs.</param>
/// <param name="Program">The parsed workload program (symbols checked), for the workload kinds.</param>
/// <param name="ProgramText">The program's text (line ends <c>\n</c>), for <see cref="LevelProcessKind.InlineProgram"/>.</param>
/// <param name="ProgramFile">The program file, for <see cref="LevelProcessKind.ProgramFile"/>.</param>
/// <param name="Elf">The ELF file, for <see cref="LevelProcessKind.Elf"/>.</param>
/// <param name="Args">The ELF's argv after argv[0] (which is the file's name).</param>
/// <param name="ProgramFiles">
/// Files the program names in <c>exec PATH</c> and <c>mmap … file PATH</c>, keyed by the path as written;
/// each is confined to the level's folder like every other file (resolve a program's paths through this map).
/// </param>
public sealed record LevelProcess(
    string Name,
    LevelProcessKind Kind,
    WorkloadProgram? Program,
    string? ProgramText,
    LevelFile? ProgramFile,
    LevelFile? Elf,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, LevelFile> ProgramFiles);
