using VmQuest.Screens.Play.Panels;

namespace VmQuest.Tests.Game.Screens.Play.Panels;

public class PolicyEditorTests
{
    [Fact]
    public void Insert_TextWithLineEnd_SplitsTheLineKeepingIndentation()
    {
        var editor = new PolicyEditor("  ab", 100);
        editor.MoveTo(0, 3);

        editor.Insert("X\nY");

        Assert.Equal("  aX\n  Yb", editor.Text);
        Assert.Equal((1, 3), (editor.Line, editor.Column));
    }

    [Fact]
    public void Backspace_AtLineStart_JoinsWithThePreviousLine()
    {
        var editor = new PolicyEditor("ab\ncd", 100);
        editor.MoveTo(1, 0);

        editor.Backspace();

        Assert.Equal("abcd", editor.Text);
        Assert.Equal((0, 2), (editor.Line, editor.Column));
    }

    [Fact]
    public void Delete_AtLineEnd_JoinsTheNextLine()
    {
        var editor = new PolicyEditor("ab\ncd", 100);
        editor.MoveTo(0, 2);

        editor.Delete();

        Assert.Equal("abcd", editor.Text);
    }

    [Fact]
    public void MoveHorizontally_PastLineEdges_WrapsToTheNeighbouringLine()
    {
        var editor = new PolicyEditor("ab\ncd", 100);
        editor.MoveTo(0, 2);

        editor.MoveHorizontally(1);
        Assert.Equal((1, 0), (editor.Line, editor.Column));
        editor.MoveHorizontally(-1);
        Assert.Equal((0, 2), (editor.Line, editor.Column));
    }

    [Fact]
    public void MoveVertically_ToAShorterLine_ClampsTheColumn()
    {
        var editor = new PolicyEditor("abcdef\nab", 100);
        editor.MoveTo(0, 5);

        editor.MoveVertically(1);

        Assert.Equal((1, 2), (editor.Line, editor.Column));
    }

    [Fact]
    public void Insert_PastTheByteLimit_IsIgnored()
    {
        var editor = new PolicyEditor("abc", 4);

        editor.MoveToLineEdge(end: true);
        editor.Insert("de");

        Assert.Equal("abcd", editor.Text);
    }
}
