using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;

namespace VmQuest.Tests.Game.Levels;

public class LevelResolverTests
{
    [Fact]
    public void Resolve_Id_FindsTheLevelInTheCatalogueRecursively()
    {
        var level = LevelResolver.Resolve("sample-victim", LevelSamples.Directory);

        Assert.Equal(LevelSamples.PathOf("victim"), level.SourcePath);
    }

    [Fact]
    public void Resolve_Path_LoadsThatFile()
    {
        Assert.Equal("sample-policy", LevelResolver.Resolve(LevelSamples.PathOf("policy"), "/nonexistent").Id);
    }

    [Fact]
    public void Resolve_UnknownId_ListsTheKnownIds()
    {
        var e = Assert.ThrowsAny<FormatParseException>(() => LevelResolver.Resolve("sample-victum", LevelSamples.Directory));

        Assert.StartsWith($"sample-victum: no level with this id in {LevelSamples.Directory} (levels: sample-elf-layout, sample-fault-action,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_IdInMissingCatalogue_SaysItHoldsNoLevels()
    {
        var e = Assert.ThrowsAny<FormatParseException>(() => LevelResolver.Resolve("belady", "/nonexistent/levels"));

        Assert.Equal("belady: no level with this id in /nonexistent/levels (it holds no levels)", e.Message);
    }

    [Theory]
    [InlineData("belady", false)]
    [InlineData("levels/belady.yaml", true)]
    [InlineData("belady.yaml", true)]
    [InlineData("./belady", true)]
    public void LooksLikePath_Argument_TellsIdsFromPaths(string argument, bool path)
    {
        Assert.Equal(path, LevelResolver.LooksLikePath(argument));
    }

    [Fact]
    public void Scan_TwoFilesWithOneId_RefusesTheSecond()
    {
        using var folder = LevelSamples.Scratch();
        folder.Write("a/one.yaml", LevelText.Minimal);
        folder.Write("b/two.yaml", LevelText.Minimal);

        var entries = LevelCatalog.Scan(folder.Path);

        Assert.NotNull(entries[0].Level);
        Assert.Equal($"{folder.Path}/b/two.yaml: the level id 'tiny' is already used by {folder.Path}/a/one.yaml", entries[1].Problem);
    }

    [Fact]
    public void Scan_MachineFileBesideItsLevel_IsNotAnEntry()
    {
        var entries = LevelCatalog.Scan(Path.Combine(LevelSamples.Directory, "translate"));

        Assert.Equal("sample-translate", Assert.Single(entries).Level!.Id);
    }
}
