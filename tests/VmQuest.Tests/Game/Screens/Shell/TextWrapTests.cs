using FsCheck;
using FsCheck.Fluent;
using VmQuest.Screens.Shell.Widgets;

namespace VmQuest.Tests.Game.Screens.Shell;

public sealed class TextWrapTests
{
    // One unit of width per character: easy to reason about.
    private static float Measure(string text) => text.Length;

    [Fact]
    public void Lines_English_BreaksBetweenWords()
    {
        var lines = TextWrap.Lines("the quick brown fox jumps", 11, Measure);
        Assert.Equal(["the quick", "brown fox", "jumps"], lines);
    }

    [Fact]
    public void Lines_Chinese_BreaksBetweenCharacters()
    {
        var lines = TextWrap.Lines("内存只能容纳三页", 3, Measure);
        Assert.Equal(["内存只", "能容纳", "三页"], lines);
    }

    [Fact]
    public void Lines_ClosingPunctuation_NeverStartsALine()
    {
        var lines = TextWrap.Lines("页框满了，换出", 4, Measure);
        Assert.Equal(["页框满", "了，换出"], lines);
        Assert.All(lines, l => Assert.False(TextWrap.IsClosing(l[0])));
    }

    [Fact]
    public void Lines_MixedScripts_BreakBetweenLatinWordAndCjk()
    {
        var lines = TextWrap.Lines("Linux 的FIFO会", 5, Measure);
        Assert.Equal(["Linux", "的FIFO", "会"], lines);
    }

    [Fact]
    public void Lines_SpaceBetweenChineseCharacters_FromYamlFolding_IsDropped()
    {
        Assert.Equal(["内存已满时，由你选择"], TextWrap.Lines("内存已满时， 由你选择", 80, Measure));
        Assert.Equal(["Linux 的 FIFO"], TextWrap.Lines("Linux 的 FIFO", 80, Measure));
    }

    [Fact]
    public void Lines_Newline_StartsANewLine_AndALongWordKeepsALineOfItsOwn()
    {
        Assert.Equal(["a", "b"], TextWrap.Lines("a\nb", 80, Measure));
        Assert.Equal(["x", "abcdefghij", "y"], TextWrap.Lines("x abcdefghij y", 4, Measure));
    }

    [Fact]
    public void Lines_AnyText_LosesNoCharacterAndFitsWhereItCan()
    {
        var alphabet = Gen.Elements('a', 'b', ' ', '内', '存', '，', 'F', '。', ' ');
        var texts = Gen.ArrayOf(alphabet).Select(c => new string(c));
        Prop.ForAll(texts.ToArbitrary(), Gen.Choose(2, 30).ToArbitrary(), (text, width) =>
        {
            var lines = TextWrap.Lines(text, width, Measure);
            var kept = string.Concat(lines).Replace(" ", "", StringComparison.Ordinal); // spaces may move or go, nothing else
            // A line may only be too wide when it cannot be broken: one Latin word (or a piece with closing punctuation).
            var fits = text.Any(TextWrap.IsClosing) || lines.All(l => l.Length <= width || !l.Contains(' ', StringComparison.Ordinal) && !l.Any(TextWrap.IsCjk));
            return kept == text.Replace(" ", "", StringComparison.Ordinal) && fits;
        }).QuickCheckThrowOnFailure();
    }
}
