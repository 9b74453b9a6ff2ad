using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Input;
using VmQuest.Engine.Machine;
using VmQuest.Engine.Machine.Loading;
using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Levels.Loading;

/// <summary>
/// Reads <c>machine</c>: a built-in name, <c>{ file: PATH }</c> (a machine file in the level's folder), or a
/// machine map written inline in the format of content/machines. Both files and inline maps go through
/// <see cref="MachineYamlReader"/>, so a level accepts exactly the machines the rest of VmQuest does.
/// </summary>
internal static class MachineReader
{
    public static LevelMachine Read(LevelNode? node, LevelFolder folder, string levelText)
    {
        if (node is null)
        {
            return Builtin(BuiltinMachines.DefaultName);
        }

        if (node.Node is YamlScalarNode)
        {
            string name = node.Text("a machine", 64);
            return BuiltinMachines.Source(name) is null
                ? throw node.Error($"expected a built-in machine ({string.Join(", ", BuiltinMachines.Names)}), {{ file: PATH }} or a machine map, found {OneLine.Quote(name)}")
                : Builtin(name);
        }

        if (node.Node is YamlMappingNode map && map.Children.Count == 1 && map.Children.ContainsKey(new YamlScalarNode("file")))
        {
            var fileNode = node.Map("a machine file", "file").Required("file", "a machine file");
            var file = folder.Read(fileNode, InputLimits.MachineFileBytes, "a machine description");
            string shown = folder.Shown(file);
            var description = Guarded(() => MachineYamlReader.Read(Utf8(file.Bytes), shown));
            return new LevelMachine(LevelMachineSource.File, description.Name, description, file);
        }

        if (node.Node is not YamlMappingNode inline)
        {
            throw node.Expected("a built-in machine name, { file: PATH } or a machine map");
        }

        // The machine reader takes text; hand it the level file with everything but this map blanked out and the
        // map moved to column 1, so its line numbers are the level file's lines.
        string text = Isolate(levelText, inline);
        try
        {
            var description = MachineYamlReader.Read(text, node.File);
            return new LevelMachine(LevelMachineSource.Inline, description.Name, description, null) { Definition = inline };
        }
        catch (InputFileException e)
        {
            long line = e.Line > 0 ? e.Line : node.Line;
            throw new LevelFormatException(node.File, line, FirstColumn(levelText, line, node.Column), node.Path, e.Reason);
        }
    }

    private static LevelMachine Builtin(string name)
    {
        // The built-in text is hashed as a definition too, so a change to a built-in machine changes every level on it.
        var stream = new YamlStream();
        stream.Load(new StringReader(BuiltinMachines.Source(name)!));
        return new LevelMachine(LevelMachineSource.Builtin, name, BuiltinMachines.Load(name), null)
        {
            Definition = (YamlMappingNode)stream.Documents[0].RootNode,
        };
    }

    private static T Guarded<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InputFileException e)
        {
            // Already "FILE:LINE: reason" about the machine file itself: the place to fix.
            throw FormatParseException.At(e.File, e.Line, 0, e.Reason);
        }
    }

    internal static string Utf8(byte[] bytes)
    {
        var span = bytes.AsSpan();
        return Encoding.UTF8.GetString(span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span);
    }

    internal static string Isolate(string text, YamlMappingNode map)
    {
        string[] lines = text.Split('\n');
        int first = (int)map.Start.Line - 1;
        // YamlDotNet's mapping node ends where its first event does; the map really ends with its last descendant.
        var end = LastEnd(map);
        int last = Math.Min((int)end.Line - (end.Column == 1 && end.Line > map.Start.Line ? 2 : 1), lines.Length - 1);
        int indent = (int)map.Start.Column - 1;
        var kept = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (i < first || i > last)
            {
                kept.Append('\n');
                continue;
            }

            if (i == first)
            {
                line = new string(' ', indent) + line[Math.Min(indent, line.Length)..];
            }

            int blank = 0;
            while (blank < Math.Min(indent, line.Length) && line[blank] == ' ')
            {
                blank++;
            }

            kept.Append(line[blank..]).Append('\n');
        }

        return kept.ToString();
    }

    private static YamlDotNet.Core.Mark LastEnd(YamlNode node)
    {
        var end = node.End;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode m => m.Children.SelectMany(p => new[] { p.Key, p.Value }),
            YamlSequenceNode s => s.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            var e = LastEnd(child);
            if (e.Line > end.Line || (e.Line == end.Line && e.Column > end.Column))
            {
                end = e;
            }
        }

        return end;
    }

    private static int FirstColumn(string text, long line, int fallback)
    {
        string[] lines = text.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return fallback;
        }

        string l = lines[line - 1];
        int column = l.Length - l.TrimStart().Length + 1;
        return l.Trim().Length == 0 ? fallback : column;
    }
}
