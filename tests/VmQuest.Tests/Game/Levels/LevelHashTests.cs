using FsCheck;
using FsCheck.Fluent;
using VmQuest.Levels.Loading;
using YamlDotNet.RepresentationModel;

namespace VmQuest.Tests.Game.Levels;

/// <summary>
/// The level hash covers what can change a result (fields and file bytes) and nothing else: texts, pars and the
/// optimum may be fixed without invalidating replays; formatting, comments, quoting and key order never matter.
/// </summary>
public class LevelHashTests
{
    [Theory]
    [InlineData("victim", "en: Belady's anomaly", "en: Belady's anomaly (revised)")]
    [InlineData("victim", "zh-Hans: 贝莱迪异常", "zh-Hans: 贝拉迪异常")]
    [InlineData("victim", "en: Look ahead in the reference string.", "en: Read ahead.")]
    [InlineData("victim", "{ name: faults, par: 8 }", "{ name: faults, par: 9 }")]
    [InlineData("schedule", "{ metric: cycles, bound: 30000 }", "{ metric: cycles, bound: 29000 }")]
    [InlineData("victim", "# Sample level", "# A sample level, reworded comment")]
    [InlineData("victim", "    format: refs\n", "")]
    [InlineData("policy", "frames: 4\n", "frames: 4\nkernel: { policy: lru }\n")]
    [InlineData("fault-action", "machine: x86-64\n", "")]
    [InlineData("victim", "  policy: fifo", "  \"policy\": 'fifo'")]
    [InlineData("victim", "  - { name: faults, par: 8 }", "  - name: faults\n    par: 8")]
    public void Hash_ChangeThatCannotChangeAResult_KeepsTheHash(string mechanic, string find, string replace)
    {
        Assert.Equal(Hash(mechanic), Hash(mechanic, find, replace));
    }

    [Theory]
    [InlineData("victim", "frames: 3", "frames: 4")]
    [InlineData("victim", "version: 1", "version: 2")]
    [InlineData("victim", "id: sample-victim", "id: sample-victim-2")]
    [InlineData("victim", "  policy: fifo", "  policy: clock")]
    [InlineData("fault-action", "      write counter = 1", "      write counter = 3")]
    [InlineData("policy", "seed: 42", "seed: 43")]
    [InlineData("policy", "hot-percent: 85, write-percent: 20 }\nplayer", "hot-percent: 85, write-percent: 21 }\nplayer")]
    [InlineData("policy", "  physicalMemory: 1MiB", "  physicalMemory: 2MiB")]
    [InlineData("policy", "  count: 8", "  count: 9")]
    [InlineData("permissions", "    line: 3", "    line: 2")]
    [InlineData("schedule", "  pcid: false", "  pcid: true")]
    [InlineData("elf-layout", "args: [counting]", "args: [counting, twice]")]
    [InlineData("victim", "  - { name: actions, par: 12 }", "  - { name: mistakes, par: 12 }")]
    public void Hash_ChangeThatCanChangeAResult_ChangesTheHash(string mechanic, string find, string replace)
    {
        Assert.NotEqual(Hash(mechanic), Hash(mechanic, find, replace));
    }

    [Theory]
    [InlineData("victim", "belady.refs", 2)]
    [InlineData("permissions", "server.vmw", 2)]
    [InlineData("elf-layout", "hello.elf", -1)]
    [InlineData("translate", "tiny.yaml", 2)]
    public void Hash_OneByteOfAFileTheLevelUses_ChangesTheHash(string mechanic, string file, int index)
    {
        using var folder = LevelSamples.Scratch();
        string level = folder.CopySample(mechanic);
        string before = LevelLoader.Load(level).Hash;
        string path = Path.Combine(folder.Path, file);
        byte[] bytes = File.ReadAllBytes(path);
        // A byte in a comment (text files) or past the headers (the ELF) still counts: the hash is over the file's bytes.
        bytes[index < 0 ? bytes.Length + index : index] ^= 0x20;
        File.WriteAllBytes(path, bytes);

        Assert.NotEqual(before, LevelLoader.Load(level).Hash);
    }

    [Fact]
    public void Hash_FileOutsideTheLevelThatChanges_DoesNotMatter()
    {
        using var folder = LevelSamples.Scratch();
        string level = folder.CopySample("victim");
        string before = LevelLoader.Load(level).Hash;
        folder.Write("unrelated.txt", "notes");

        Assert.Equal(before, LevelLoader.Load(level).Hash);
    }

    [Fact]
    public void Hash_IsSha256OfTheCanonicalForm()
    {
        var level = LevelSamples.Load("victim");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(level.CanonicalForm))), level.Hash);
        Assert.StartsWith("{\"files\":[{\"path\":\"belady.refs\",\"sha256\":\"", level.CanonicalForm, StringComparison.Ordinal);
        Assert.Contains(",\"format\":\"vmquest-level-canonical/1\",\"frames\":3,", level.CanonicalForm, StringComparison.Ordinal);
        Assert.DoesNotContain("Belady", level.CanonicalForm, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_SameLevelLoadedTwice_IsEqual()
    {
        Assert.Equal(LevelSamples.Load("policy").Hash, LevelSamples.Load("policy").Hash);
    }

    [Theory]
    [InlineData("victim")]
    [InlineData("policy")]
    [InlineData("permissions")]
    [InlineData("schedule")]
    public void Hash_RandomKeyOrderAndReformatting_KeepsTheHash(string mechanic)
    {
        string expected = LevelSamples.Load(mechanic).Hash;
        string source = File.ReadAllText(LevelSamples.PathOf(mechanic));
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            using var folder = LevelSamples.Scratch();
            string level = folder.CopySample(mechanic);
            File.WriteAllText(level, Shuffled(source, new Random(seed)));
            return LevelLoader.Load(level).Hash == expected;
        });
        property.QuickCheckThrowOnFailure();
    }

    private static string Hash(string mechanic, string? find = null, string? replace = null)
    {
        using var folder = LevelSamples.Scratch();
        string level = folder.CopySample(mechanic);
        if (find is not null)
        {
            string text = File.ReadAllText(level);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(level, text.Replace(find, replace, StringComparison.Ordinal));
        }

        return LevelLoader.Load(level).Hash;
    }

    /// <summary>The same YAML tree with every mapping's keys in a random order, written back by YamlDotNet (its own layout, no comments).</summary>
    private static string Shuffled(string yaml, Random random)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        Shuffle(stream.Documents[0].RootNode, random);
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static void Shuffle(YamlNode node, Random random)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var pairs = map.Children.ToList();
                map.Children.Clear();
                foreach (var (key, value) in pairs.OrderBy(_ => random.Next()))
                {
                    Shuffle(value, random);
                    map.Children.Add(key, value);
                }

                break;
            case YamlSequenceNode list:
                foreach (var child in list.Children)
                {
                    Shuffle(child, random);
                }

                break;
        }
    }
}
