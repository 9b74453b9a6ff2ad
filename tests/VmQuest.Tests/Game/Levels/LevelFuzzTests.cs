using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Loading;

namespace VmQuest.Tests.Game.Levels;

/// <summary>Whatever a level file holds, loading it succeeds or gives one line: never another exception.</summary>
public class LevelFuzzTests
{
    private static readonly string[] Pieces = ["\n", " ", ":", "- ", "{", "}", "[", "]", "\"", "'", "&a ", "*a", "|", "#", "0", "-1", "99999999999999999999", "\t", "\u001b", "…", "../", "/dev/zero"];

    [Fact]
    public void Parse_MutatedLevel_LoadsOrFailsWithOneLine()
    {
        using var folder = LevelSamples.Scratch();
        string path = Path.Combine(folder.Path, "level.yaml");
        string[] sources = [LevelText.Minimal, File.ReadAllText(LevelSamples.PathOf("policy")), File.ReadAllText(LevelSamples.PathOf("permissions"))];
        var mutations = Gen.Choose(0, int.MaxValue).Three().ListOf().Select(list => list.Take(6).ToList());
        var property = Prop.ForAll(Gen.Choose(0, sources.Length - 1).ToArbitrary(), mutations.ToArbitrary(), (which, edits) =>
        {
            string text = sources[which];
            foreach (var (at, kind, piece) in edits)
            {
                int i = at % (text.Length + 1);
                string p = Pieces[piece % Pieces.Length];
                text = (kind % 3) switch
                {
                    0 => text.Insert(i, p),
                    1 => text.Remove(Math.Min(i, text.Length - 1), Math.Min(p.Length, text.Length - Math.Min(i, text.Length - 1))),
                    _ => text[..i] + p + text[Math.Min(text.Length, i + p.Length)..],
                };
            }

            try
            {
                LevelLoader.Parse(text, path);
                return true;
            }
            catch (FormatParseException e)
            {
                return !e.Message.Contains('\n', StringComparison.Ordinal) && e.Message.Length > 0;
            }
        });
        property.QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Parse_RandomBytes_FailsWithOneLine()
    {
        var property = Prop.ForAll(Gen.Choose(0, 255).Select(b => (char)b).ArrayOf().ToArbitrary(), chars =>
        {
            try
            {
                LevelLoader.Parse(new string(chars), "/tmp/vmquest-fuzz/level.yaml");
                return true;
            }
            catch (FormatParseException e)
            {
                return !e.Message.Contains('\n', StringComparison.Ordinal);
            }
        });
        property.QuickCheckThrowOnFailure();
    }
}
