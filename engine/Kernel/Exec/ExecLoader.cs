using System.Text;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Mm;

namespace VmQuest.Engine.Kernel.Exec;

/// <summary>Where execve put the new program's arguments and where it starts.</summary>
/// <param name="Entry">The first instruction (in the interpreter when there is one).</param>
/// <param name="StackPointer">The initial stack pointer (pointing at argc), 16-byte aligned.</param>
/// <param name="ArgumentStrings">The argv strings, NUL-terminated, in order, from <c>arg_start</c>.</param>
/// <param name="EnvironmentStrings">The envp strings, NUL-terminated, in order, from <c>env_start</c>.</param>
public sealed record ExecResult(ulong Entry, ulong StackPointer, byte[] ArgumentStrings, byte[] EnvironmentStrings);

/// <summary>
/// The VMA half of execve (Linux's <c>load_elf_binary</c> + <c>setup_arg_pages</c>): fills an empty
/// address space with the program's segments (file-backed, bss anonymous), the interpreter's, the vDSO's pages
/// (<see cref="VdsoLayout"/>), and a stack holding argv and envp; sets the mm marks. Nothing is loaded: every page arrives on its first touch.
/// </summary>
public static class ExecLoader
{
    /// <summary>Top of the stack with randomisation off: the end of user space.</summary>
    public const ulong StackTop = LinuxX64Layout.TaskSize;

    /// <summary>How far below the argument pages the initial stack VMA reaches (Linux's <c>stack_expand</c>, 128 KiB).</summary>
    public const ulong StackExpand = 128 * 1024;

    // Linux passes about this many auxiliary-vector entries on x86-64 (AT_SYSINFO_EHDR … AT_NULL).
    private const int AuxvEntries = 21;

    /// <summary>Maps <paramref name="image"/> into the empty <paramref name="mm"/> with the given arguments and environment.</summary>
    public static ExecResult Apply(ExecImage image, MemoryDescriptor mm, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(mm);
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(envp);
        if (mm.Vmas.Count != 0)
        {
            throw new InvalidOperationException("execve needs a fresh address space; the old one is dropped first.");
        }

        mm.MmapBase = LinuxX64Layout.MmapBase(mm.StackLimit);
        // The VMAs name the files as /proc/PID/maps does: by the resolved path (d_path), not the one given.
        MapPlan(mm, image.Program, ResolvedPath.Of(image.Path), isProgram: true);
        if (image.Interpreter is { } interpreter)
        {
            MapPlan(mm, interpreter, ResolvedPath.Of(image.InterpreterPath!), isProgram: false);
        }

        VdsoLayout.Map(mm);

        var program = image.Program;
        mm.StartCode = program.StartCode;
        mm.EndCode = program.EndCode;
        mm.StartData = program.StartData;
        mm.EndData = program.EndData;
        mm.StartBrk = mm.Brk = image.BrkStart;
        return BuildStack(mm, image, argv, envp);
    }

    private static void MapPlan(MemoryDescriptor mm, ElfLoadPlan plan, string path, bool isProgram)
    {
        foreach (var mapping in plan.Mappings)
        {
            var kind = (mapping.IsAnonymous, isProgram, mapping.Kind) switch
            {
                (true, true, _) => VmaKind.Bss,
                (true, false, _) => VmaKind.AnonymousMapping,
                (false, false, _) => VmaKind.FileMapping,
                (false, true, ElfMappingKind.Text) => VmaKind.Text,
                (false, true, ElfMappingKind.ReadOnlyData) => VmaKind.ReadOnlyData,
                _ => VmaKind.Data,
            };
            mm.Vmas.Insert(VmArea.Create(mapping.Start, mapping.End, ToVmaPermissions(mapping.Permissions), shared: false, kind,
                mapping.IsAnonymous ? null : path, mapping.IsAnonymous ? 0 : mapping.FileOffset));
        }
    }

    // The strings sit at the top of the stack as Linux copies them: argv, then envp, then the file name, then
    // 8 zero bytes. Below them: AT_RANDOM's 16 bytes, the platform string, the auxv, envp[], argv[], argc.
    private static ExecResult BuildStack(MemoryDescriptor mm, ExecImage image, IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        var arguments = Strings(argv);
        var environment = Strings(envp);
        var fileName = (ulong)Encoding.UTF8.GetByteCount(image.Path) + 1;
        var envStart = StackTop - 8 - fileName - (ulong)environment.Length;
        var argStart = envStart - (ulong)arguments.Length;
        mm.Arguments = (argStart, envStart);
        mm.Environment = (envStart, envStart + (ulong)environment.Length);

        var pointers = (ulong)(AuxvEntries * 2 + envp.Count + 1 + argv.Count + 1 + 1) * 8;
        var stackPointer = (argStart - 16 - 16 - pointers) & ~15UL;
        mm.StartStack = stackPointer;

        var argumentPages = (StackTop - (argStart & ~(mm.PageSize - 1))) / mm.PageSize;
        var stackStart = StackTop - (argumentPages * mm.PageSize) - StackExpand;
        mm.Vmas.Insert(VmArea.Create(stackStart, StackTop, VmaPermissions.ReadWrite, shared: false, VmaKind.Stack));
        var entry = image.Entry;
        return new ExecResult(entry, stackPointer, arguments, environment);
    }

    private static byte[] Strings(IReadOnlyList<string> strings)
    {
        var bytes = new List<byte>();
        foreach (var s in strings)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(s));
            bytes.Add(0);
        }

        return [.. bytes];
    }

    private static VmaPermissions ToVmaPermissions(SegmentPermissions permissions) =>
        ((permissions & SegmentPermissions.Read) != 0 ? VmaPermissions.Read : VmaPermissions.None) |
        ((permissions & SegmentPermissions.Write) != 0 ? VmaPermissions.Write : VmaPermissions.None) |
        ((permissions & SegmentPermissions.Execute) != 0 ? VmaPermissions.Execute : VmaPermissions.None);
}
