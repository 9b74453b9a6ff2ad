using VmQuest.Engine.Machine.Description;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Model;

/// <summary>Where a level's machine description came from.</summary>
public enum LevelMachineSource
{
    /// <summary>A built-in machine by name (<c>machine: x86-64</c>).</summary>
    Builtin,

    /// <summary>A machine map written inside the level file.</summary>
    Inline,

    /// <summary>A machine file in the level's folder (<c>machine: { file: tiny.yaml }</c>).</summary>
    File,
}

/// <summary>The level's machine, already validated by the machine reader.</summary>
/// <param name="Source">Where it came from.</param>
/// <param name="Name">The built-in name, or the machine's own <c>name</c>.</param>
/// <param name="Description">The machine, ready to boot.</param>
/// <param name="File">The machine file, for <see cref="LevelMachineSource.File"/>.</param>
public sealed record LevelMachine(LevelMachineSource Source, string Name, MachineDescription Description, LevelFile? File)
{
    /// <summary>The machine map as written (inline) or as built in, for the canonical form; null for a machine file (its bytes are hashed).</summary>
    internal YamlMappingNode? Definition { get; init; }
}
