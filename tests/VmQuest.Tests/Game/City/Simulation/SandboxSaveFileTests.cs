using VmQuest.City.Simulation;
using VmQuest.Engine.Formats;
using VmQuest.Rules;
using VmQuest.Tests.Game.Cli;

namespace VmQuest.Tests.Game.City.Simulation;

/// <summary>Save and load a sandbox: its inputs re-simulated restore exactly the same state hash; anything else is refused.</summary>
public sealed class SandboxSaveFileTests
{
    // A run with console lines, a fork and a kill, saved after 200 ticks.
    private static (string Text, string Hash) SavedRun()
    {
        var session = new SandboxSession(new SandboxSettings { Frames = 256, Processes = 2, Policy = "clock", TlbEntries = 16 });
        var simulation = new CitySimulation(session);
        for (var i = 0; i < 200; i++)
        {
            simulation.Tick();
            if (i == 40)
            {
                session.Apply(SandboxVerb.Run, 1, "malloc b 8K");
                session.Apply(SandboxVerb.Run, 1, "write b = 3");
            }
            else if (i == 90)
            {
                session.Apply(SandboxVerb.Fork, 1);
            }
            else if (i == 150)
            {
                session.Apply(SandboxVerb.Kill, simulation.Kernel.Pids[^1]);
                session.Apply(SandboxVerb.Run, 1, "mmap m 4K");
            }
        }

        Assert.Equal(5, session.Actions.Count);
        return (SandboxSaveFile.Format(session), StateHash.Of(simulation.Kernel));
    }

    [Fact]
    public void Load_SavedAfterTicksWithConsoleActions_TheSameStateHash()
    {
        var (text, hash) = SavedRun();
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-{Guid.NewGuid():N}.save");
        try
        {
            File.WriteAllText(path, text);

            var loaded = SandboxSaveFile.Load(path);

            Assert.Equal(200, loaded.Ticks);
            Assert.Equal(hash, StateHash.Of(loaded.Kernel));
            Assert.Equal(5, ((SandboxSession)loaded.Driver).Actions.Count);
            Assert.Equal(text, SandboxSaveFile.Format((SandboxSession)loaded.Driver)); // saving it again gives the same file
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_TamperedAction_RefusedNamingTheHashes()
    {
        var (text, hash) = SavedRun();
        Assert.Contains("action 91 fork 1", text, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-{Guid.NewGuid():N}.save");
        try
        {
            File.WriteAllText(path, text.Replace("action 91 fork 1", "action 95 fork 1", StringComparison.Ordinal)); // the fork moved: another state

            var e = Assert.ThrowsAny<FormatParseException>(() => SandboxSaveFile.Load(path));

            Assert.Contains($"not the saved {hash}", e.Message, StringComparison.Ordinal);
            Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void Parse_Truncated_OneLineNamingFileAndLine(double keep)
    {
        var (text, _) = SavedRun();
        var cut = text[..(int)(text.Length * keep)];

        var e = Assert.ThrowsAny<FormatParseException>(() => SandboxSaveFile.Parse(cut, "cut.save"));

        Assert.StartsWith("cut.save:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("vmquest-sandbox 2\n", "bad.save:1:1: expected 'vmquest-sandbox 1' (a sandbox save file)")]
    [InlineData("vmquest-sandbox 1\nframes many\n", "bad.save:2:1: expected a frame count")]
    [InlineData("vmquest-sandbox 1\ncolour red\n", "bad.save:2:1: expected machine, frames,")]
    [InlineData("vmquest-sandbox 1\naction 5 fork 1\naction 3 kill 1\n", "bad.save:3:8: expected TICK (at least 5)")]
    [InlineData("vmquest-sandbox 1\nframes 8\nticks 0\nhash 0123456789abcdef\nend\n", "bad.save: the configuration cannot boot: frames must be between 16 and 4194304")]
    public void Parse_NotASave_OneLineNamingTheLine(string text, string expected)
    {
        var e = Assert.ThrowsAny<FormatParseException>(() => SandboxSaveFile.Parse(text, "bad.save"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_SaveThenLoad_TheCommandPrintsTheSameHashAndRefusesATruncatedFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-{Guid.NewGuid():N}.save");
        try
        {
            var saved = CliRunner.Run("sandbox", "--frames", "128", "--save", path, "--after-ticks", "120");
            Assert.True(saved.Status == 0, saved.Error);
            var hash = saved.Output.Split("state hash ")[1].Trim();

            var loaded = CliRunner.Run("sandbox", "--load", path, "--state-hash");
            Assert.Equal($"state hash {hash} at tick 120", loaded.Output.Trim());

            File.WriteAllText(path, File.ReadAllText(path)[..40]);
            var refused = CliRunner.Run("sandbox", "--load", path, "--state-hash");
            Assert.Equal(1, refused.Status);
            Assert.StartsWith($"vmquest: {path}:", refused.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
