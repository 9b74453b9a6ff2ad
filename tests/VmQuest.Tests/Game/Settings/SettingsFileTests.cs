using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Platform;
using VmQuest.Settings;

namespace VmQuest.Tests.Game.Settings;

public sealed class SettingsFileTests
{
    [Fact]
    public void Parse_EmptyOrCommentsOnly_GivesTheDefaults()
    {
        Assert.Equal(GameSettings.Default, SettingsFile.Parse("s.conf", ""));
        Assert.Equal(GameSettings.Default, SettingsFile.Parse("s.conf", "# nothing\n\n   \n"));
    }

    [Fact]
    public void Parse_EveryKey_IsRead()
    {
        var settings = SettingsFile.Parse("s.conf", "language = zh-Hans\r\npalette=classic\n  scale = 150 %\nspeed = max\n");
        Assert.Equal(new GameSettings("zh-Hans", PaletteScheme.Classic, 150, SimulationSpeed.Max), settings);
    }

    [Fact]
    public void Parse_UnlockAllYes_OpensEveryLevel_AndFormatWritesItOnlyWhenOn()
    {
        Assert.True(SettingsFile.Parse("s.conf", "unlock-all = yes\n").UnlockAll);
        Assert.DoesNotContain("unlock-all", SettingsFile.Format(GameSettings.Default), StringComparison.Ordinal);
        Assert.EndsWith("unlock-all = yes\n", SettingsFile.Format(GameSettings.Default with { UnlockAll = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingKey_KeepsItsDefault() =>
        Assert.Equal(GameSettings.Default with { ScalePercent = 75 }, SettingsFile.Parse("s.conf", "scale = 75\n"));

    [Theory]
    [InlineData("language = fr\n", "s.conf:1:12: expected language: one of en, zh-Hans, found \"fr\"")]
    [InlineData("palette = rainbow\n", "s.conf:1:11: expected palette: one of okabe-ito, classic, found \"rainbow\"")]
    [InlineData("\nscale = 90\n", "s.conf:2:9: expected scale: a percentage, one of 75, 100, 125, 150, 175, 200, found \"90\"")]
    [InlineData("speed = paused\n", "s.conf:1:9: expected speed: one of normal, fast, max, found \"paused\"")]
    [InlineData("unlock-all = maybe\n", "s.conf:1:14: expected unlock-all: one of yes, no, found \"maybe\"")]
    [InlineData("  volume = 3\n", "s.conf:1:3: expected a key: language, palette, scale, speed or unlock-all, found \"volume\"")]
    [InlineData("language en\n", "s.conf:1:1: expected key = value (language, palette, scale, speed or unlock-all), found \"language en\"")]
    [InlineData("scale = 100\nscale = 125\n", "s.conf:2:1: expected each key once; 'scale' was already set above, found \"scale\"")]
    public void Parse_BadLine_IsOneLineWithFileLineAndColumn(string text, string message)
    {
        var error = Assert.Throws<FormatParseException>(() => SettingsFile.Parse("s.conf", text));
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void FormatThenParse_AnySettings_GivesThemBack()
    {
        var settings = from language in Gen.Elements(GameSettings.Languages.ToArray())
                       from palette in Gen.Elements(PaletteScheme.All.ToArray())
                       from scale in Gen.Elements(GameSettings.Scales.ToArray())
                       from speed in Gen.Elements(GameSettings.Speeds.ToArray())
                       from unlockAll in Gen.Elements(false, true)
                       select new GameSettings(language, palette, scale, speed, unlockAll);
        Prop.ForAll(settings.ToArbitrary(), s => SettingsFile.Parse("s.conf", SettingsFile.Format(s)) == s).QuickCheckThrowOnFailure();
    }
}
