using VmQuest.Platform;
using VmQuest.Settings;

namespace VmQuest.Tests.Game.Settings;

public sealed class SettingsStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vmquest-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Open_NoFile_GivesTheDefaultsWithoutAProblem()
    {
        var store = SettingsStore.Open(SettingsStore.PathIn(_folder));
        Assert.Equal(GameSettings.Default, store.Current);
        Assert.Null(store.Problem);
        Assert.False(File.Exists(SettingsStore.PathIn(_folder))); // nothing written until a setting changes
    }

    [Fact]
    public void Change_ThenOpen_GivesTheChangedSettings()
    {
        var path = SettingsStore.PathIn(_folder);
        var changed = GameSettings.Default with { Language = "zh-Hans", Palette = PaletteScheme.Classic };
        SettingsStore.Open(path).Change(changed);
        Assert.Equal(changed, SettingsStore.Open(path).Current);
    }

    [Fact]
    public void Open_MalformedFile_GivesDefaultsAndOneLine_AndLeavesTheFileUntilAChange()
    {
        var path = SettingsStore.PathIn(_folder);
        File.WriteAllText(path, "language = en\nscale = huge\n");
        var store = SettingsStore.Open(path);
        Assert.Equal(GameSettings.Default, store.Current);
        Assert.StartsWith($"{path}:2:9: expected scale:", store.Problem, StringComparison.Ordinal);
        Assert.EndsWith("using the defaults until you change a setting", store.Problem, StringComparison.Ordinal);
        Assert.Equal("language = en\nscale = huge\n", File.ReadAllText(path));

        store.Change(store.Current with { ScalePercent = 125 });
        Assert.Null(store.Problem);
        Assert.Equal(125, SettingsStore.Open(path).Current.ScalePercent);
    }

    [Fact]
    public void Open_PathIsADirectory_GivesDefaultsAndSaysSo()
    {
        var path = SettingsStore.PathIn(_folder);
        Directory.CreateDirectory(path);
        var store = SettingsStore.Open(path);
        Assert.Equal(GameSettings.Default, store.Current);
        Assert.Contains("is a directory", store.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_CannotWrite_KeepsTheSettingsInUseAndSaysWhy()
    {
        var path = SettingsStore.PathIn(_folder);
        Directory.CreateDirectory(path); // a directory where the file should go: refused, never replaced
        var store = SettingsStore.Open(path);
        store.Change(GameSettings.Default with { ScalePercent = 200 });
        Assert.Equal(200, store.Current.ScalePercent);
        Assert.NotNull(store.Problem);
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void Open_NoPath_KeepsSettingsOnlyInMemory()
    {
        var store = SettingsStore.Open(null, "no data directory");
        store.Change(GameSettings.Default with { ScalePercent = 75 });
        Assert.Equal(75, store.Current.ScalePercent);
        Assert.Equal("no data directory", store.Problem);
        Assert.Null(store.Path);
    }
}
