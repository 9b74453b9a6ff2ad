using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;

namespace VmQuest.Tests.Game.Levels.Catalog;

/// <summary>A folder scan is bounded (issue 8's class of runaway work: <c>levels validate /</c> walked the whole disk).</summary>
public sealed class LevelCatalogLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-catalog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Files_Issue8_MoreEntriesThanTheLimit_OneLineNamingTheFolder()
    {
        for (int i = 0; i < 12; i++)
        {
            Directory.CreateDirectory(Path.Combine(_dir, "d" + i));
        }

        var e = Assert.Throws<FormatParseException>(() => LevelCatalog.Files(_dir, maxEntries: 10));

        Assert.Equal($"{_dir}: more than 10 files and folders below it, the limit for a folder of levels; name a smaller folder", e.Message);
    }

    [Fact]
    public void Files_WithinTheLimit_OnlyYamlFilesSorted()
    {
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), "");
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), "");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "");
        Directory.CreateDirectory(Path.Combine(_dir, "dir.yaml"));

        Assert.Equal(["a.yaml", "b.yaml"], LevelCatalog.Files(_dir, maxEntries: 10).Select(Path.GetFileName));
    }
}
