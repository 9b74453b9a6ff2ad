using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Kernel.Workloads;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Reads one entry of <c>processes</c>: <c>name</c> and exactly one of <c>program</c> (inline workload text),
/// <c>program-file</c> (a <c>.vmw</c> in the level's folder) or <c>elf</c> (a static ELF in the level's folder,
/// with optional <c>args</c>). Programs are parsed and their symbols checked now; every path a program names in
/// <c>exec</c> or <c>mmap … file</c> is confined to the folder like the level's own fields.
/// </summary>
internal static class ProcessReader
{
    /// <summary>Most arguments of an ELF process.</summary>
    public const int MaxArgs = 32;

    public static LevelProcess Read(LevelNode node, LevelFolder folder, string levelText)
    {
        var map = node.Map("a process", "name", "program", "program-file", "elf", "args");
        string name = map.Required("name", "the process's name").Slug("a process name");
        string kind = map.ExactlyOne("what the process runs", "program", "program-file", "elf");
        if (kind != "elf" && map.Optional("args") is { } stray)
        {
            throw stray.Error("only an 'elf' process takes args; a workload program has none");
        }

        switch (kind)
        {
            case "program":
            {
                var programNode = map.Required("program", "a workload program");
                string text = programNode.Text("a workload program", WorkloadSyntax.MaxSourceLength).ReplaceLineEndings("\n");
                var place = new InlineProgramPlace(programNode, levelText);
                var program = Parse(text, InlineProgramPlace.ParserFile, place.Restate);
                var files = ProgramFiles(program, folder, programNode, (line, column, d) => place.At(line, column, d));
                return new LevelProcess(name, LevelProcessKind.InlineProgram, program, text, null, null, [], files);
            }

            case "program-file":
            {
                var fileNode = map.Required("program-file", "a workload file");
                var file = folder.Read(fileNode, InputLimits.WorkloadFileBytes, "a workload script");
                string shown = folder.Shown(file);
                var program = Parse(MachineReader.Utf8(file.Bytes), shown, e => e);
                var files = ProgramFiles(program, folder, fileNode, (line, column, d) => FormatParseException.At(shown, line, column, d));
                return new LevelProcess(name, LevelProcessKind.ProgramFile, program, null, file, null, [], files);
            }

            default:
            {
                var elfNode = map.Required("elf", "an ELF file");
                var elf = ReadElf(elfNode, elfNode.Text("an ELF file", LevelLimits.PathLength), folder);
                var args = map.Optional("args") is { } argsNode
                    ? argsNode.List("arguments", 0, MaxArgs).Select(a => a.Text("an argument", 4096)).ToList()
                    : [];
                return new LevelProcess(name, LevelProcessKind.Elf, null, null, null, elf, args, new Dictionary<string, LevelFile>());
            }
        }
    }

    private static WorkloadProgram Parse(string text, string file, Func<FormatParseException, Exception> restate)
    {
        try
        {
            var program = WorkloadParser.Parse(text, file);
            WorkloadSymbolCheck.Check(program);
            return program;
        }
        catch (WorkloadParseException e)
        {
            throw restate(e);
        }
    }

    /// <summary>Reads and checks a level's ELF: a valid x86-64 executable with no interpreter (a host file).</summary>
    private static LevelFile ReadElf(LevelNode node, string written, LevelFolder folder)
    {
        var file = folder.Read(written, node, LevelLimits.ElfFileBytes, "an ELF executable");
        ElfFile elf;
        try
        {
            using var stream = new MemoryStream(file.Bytes, writable: false);
            elf = ElfReader.Read(stream, folder.Shown(file));
        }
        catch (FormatParseException e)
        {
            throw node.Error($"{OneLine.Quote(written)} is not an ELF executable VmQuest can run: {e.Expected}");
        }

        return elf.Interpreter is { } interpreter
            ? throw node.Error($"{OneLine.Quote(written)} names the interpreter {OneLine.Quote(interpreter)}, a file of the host; a level's ELF must be statically linked")
            : file;
    }

    private static Dictionary<string, LevelFile> ProgramFiles(
        WorkloadProgram program, LevelFolder folder, LevelNode node, Func<int, int, string, Exception> at)
    {
        var files = new Dictionary<string, LevelFile>(StringComparer.Ordinal);
        foreach (var (position, path, isExec) in NamedPaths(program.Body))
        {
            if (files.ContainsKey(path))
            {
                continue;
            }

            try
            {
                files[path] = isExec && !path.EndsWith(".vmw", StringComparison.Ordinal)
                    ? ReadElf(node, path, folder)
                    : folder.Read(path, node, isExec ? InputLimits.WorkloadFileBytes : LevelLimits.ElfFileBytes, isExec ? "a workload script" : "a mapped file");
            }
            catch (LevelFormatException e)
            {
                // Say it at the statement that names the file.
                throw at(position.Line, position.Column, (isExec ? "exec: " : "mmap file: ") + e.Description);
            }
        }

        return files;
    }

    private static IEnumerable<(SourcePosition Position, string Path, bool IsExec)> NamedPaths(NodeList<Statement> body)
    {
        foreach (var statement in body)
        {
            var inner = statement switch
            {
                ExecStatement e => [(e.Position, e.Path, true)],
                MmapStatement { File: { } f } m => [(m.Position, f, false)],
                RepeatStatement r => NamedPaths(r.Body),
                ForStatement f => NamedPaths(f.Body),
                IfForkStatement i => NamedPaths(i.Then).Concat(NamedPaths(i.Else)),
                _ => [],
            };
            foreach (var item in inner)
            {
                yield return item;
            }
        }
    }
}
