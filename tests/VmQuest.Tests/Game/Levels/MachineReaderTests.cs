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
