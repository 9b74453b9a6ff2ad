using VmQuest.Levels.Loading;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Tests.Game.Levels;

public class MachineReaderTests
{
    [Fact]
    public void Isolate_BlockMapInsideLevel_KeepsLinesAndMovesMapToColumnOne()
    {
        string text = "id: x\nmachine:\n  name: m\n  pageSize: 4KiB\nframes: 4\n";
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var map = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("machine")];

        Assert.Equal("\n\nname: m\npageSize: 4KiB\n\n\n", MachineReader.Isolate(text, map));
    }
}

public class InlineMachineTests
{
    [Fact]
    public void Load_FlowStyleInlineMachine_Loads()
    {
        string machine = "machine: { name: m, pageSize: 4KiB, physicalMemory: 1MiB, levels: [{ name: PT, bits: 9 }], pte: { width: 8, leaf: huge-bit, frame: { shift: 12, bits: 40 }, bits: { present: 0 } } }\n";

        var level = LevelText.Load(LevelText.With("frames: 4\n", "frames: 4\n" + machine));

        Assert.Equal("m", level.Machine.Name);
    }

    [Fact]
    public void Load_InlineMachineAliasingItself_IsOneLine()
    {
        string message = LevelText.Error(LevelText.With("frames: 4\n", "frames: 4\nmachine: &m { name: m, self: *m }\n"));

        Assert.Equal("level.yaml:7:10: an alias (*name) refers to a mapping or list it is inside; YAML that contains itself cannot be read", message);
    }

    [Fact]
    public void Load_InlineMachineSameAsBuiltin_HashesAsTheBuiltinDoesNot()
    {
        // A built-in is hashed as {builtin, definition}; the same map inline is {inline}: the source is part of the level.
        string inline = "machine:\n" + string.Join('\n', VmQuest.Engine.Machine.Loading.BuiltinMachines.Source("i386")!.Split('\n').Select(l => l.Length == 0 ? l : "  " + l)) + "\n";
        var builtin = LevelText.Load(LevelText.With("frames: 4\n", "frames: 4\nmachine: i386\n"));
        var written = LevelText.Load(LevelText.With("frames: 4\n", "frames: 4\n" + inline));

        Assert.Equal(builtin.Machine.Description.VaBits, written.Machine.Description.VaBits);
        Assert.NotEqual(builtin.Hash, written.Hash);
    }
}

public class YamlExpansionTests
{
    [Fact]
    public void Load_AliasesThatExpandExponentially_AreRefused()
    {
        var lines = new List<string> { "a0: &a0 [x, x]" };
        for (int i = 1; i < 30; i++)
        {
            lines.Add($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]");
        }

        string message = LevelText.Error(string.Join('\n', lines) + "\n");

        Assert.EndsWith("YAML whose aliases expand to more than 100,000 nodes (the limit for a level file)", message, StringComparison.Ordinal);
    }
}
