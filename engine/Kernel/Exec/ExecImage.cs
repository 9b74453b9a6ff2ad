using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Formats.Input;

namespace VmQuest.Engine.Kernel.Exec;

/// <summary>
/// What execve will map for one program: the program's load plan and, when it names one in
/// <c>PT_INTERP</c>, the interpreter's (mapped too, as Linux does, with the entry point in the interpreter).
/// Pure data computed from the files' headers; nothing is loaded.
/// </summary>
/// <param name="Path">The program file.</param>
/// <param name="Program">The program's mappings and <c>mm</c> marks.</param>
/// <param name="InterpreterPath">The interpreter file, or null for a static program.</param>
/// <param name="Interpreter">The interpreter's mappings, or null.</param>
/// <param name="BrkStart">Where the heap begins.</param>
public sealed record ExecImage(string Path, ElfLoadPlan Program, string? InterpreterPath, ElfLoadPlan? Interpreter, ulong BrkStart)
{
    /// <summary>Where the new program starts running: the interpreter's entry if there is one, else the program's.</summary>
    public ulong Entry => Interpreter?.Entry ?? Program.Entry;

    /// <summary>
    /// Reads the headers of <paramref name="path"/> (and of its interpreter) and computes the layout Linux
    /// gives them with address-space randomisation off. Throws <see cref="ElfFormatException"/> (one line,
    /// naming the file) for anything that is not a loadable x86-64 ELF64 file, including a directory, FIFO or
    /// device, which is refused before it is opened.
    /// </summary>
    public static ExecImage Load(string path)
    {
        var elf = ElfReader.Read(path);
        var program = ElfLoadPlan.Create(elf, LinuxX64Layout.ExecutableLoadBias(elf));
        ElfLoadPlan? interpreter = null;
        if (elf.Interpreter is { } interpreterPath)
        {
            if (InputFile.Probe(interpreterPath) == InputFileKind.Missing)
            {
                throw new ElfFormatException(path, $"interpreter {interpreterPath} named by PT_INTERP does not exist (expected the dynamic linker)");
            }

            var ld = ElfReader.Read(interpreterPath);
            interpreter = ElfLoadPlan.Create(ld, LinuxX64Layout.InterpreterLoadBias(ld, LinuxX64Layout.MmapBase()));
        }

        return new ExecImage(path, program, elf.Interpreter, interpreter, LinuxX64Layout.BrkStart(program));
    }
}
