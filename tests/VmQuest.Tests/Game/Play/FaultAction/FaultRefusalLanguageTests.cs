using VmQuest.Play.FaultAction;

namespace VmQuest.Tests.Game.Play.FaultAction;

public class FaultRefusalLanguageTests
{
    [Fact]
    public void LastRefusalIn_WrongKindOfAnswer_ChineseFromTheSession_EnglishUnchanged()
    {
        var session = new FaultActionSession(FaultLevels.FirstFaults());
        session.Run();

        session.Answer(FaultActions.FileRead, frame: session.FrameChoices()[0]);

        Assert.StartsWith("not file-read: the PTE for 0x7fffffffeec0 is empty", session.LastRefusal, StringComparison.Ordinal);
        Assert.StartsWith("不是 file-read：", session.LastRefusalIn("zh-Hans"), StringComparison.Ordinal);
    }
}
