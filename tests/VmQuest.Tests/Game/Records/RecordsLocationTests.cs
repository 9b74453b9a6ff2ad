using VmQuest.Records;

namespace VmQuest.Tests.Game.Records;

public sealed class RecordsLocationTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_Option_WinsOverEverything() =>
        Assert.Equal("/opt/d", RecordsLocation.Resolve("/opt/d", Env(("VMQUEST_DATA", "/v"), ("XDG_DATA_HOME", "/x"), ("HOME", "/h"))));

    [Fact]
    public void Resolve_VariableWithoutOption_UsesVmquestData() =>
        Assert.Equal("/v", RecordsLocation.Resolve(null, Env(("VMQUEST_DATA", "/v"), ("XDG_DATA_HOME", "/x"), ("HOME", "/h"))));

    [Fact]
    public void Resolve_XdgDataHome_AddsVmquest() =>
        Assert.Equal("/x/vmquest", RecordsLocation.Resolve(null, Env(("XDG_DATA_HOME", "/x"), ("HOME", "/h"))));

    [Fact]
    public void Resolve_RelativeXdgDataHome_IsIgnoredAsTheSpecSays() =>
        Assert.Equal("/h/.local/share/vmquest", RecordsLocation.Resolve(null, Env(("XDG_DATA_HOME", "rel"), ("HOME", "/h"))));

    [Fact]
    public void Resolve_NothingSet_RefusesWithAHint()
    {
        var e = Assert.Throws<RecordsException>(() => RecordsLocation.Resolve(null, Env()));

        Assert.Equal(RecordsRefusal.NoDataDirectory, e.Refusal);
        Assert.Contains("--data-dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RelativeOption_IsMadeAbsolute() =>
        Assert.Equal(Path.GetFullPath("some/dir"), RecordsLocation.Resolve("some/dir", Env()));
}
