using VmQuest.Play.Scheduling;

namespace VmQuest.Tests.Game.Play.Scheduling;

public class ScheduleRefusalLanguageTests
{
    [Fact]
    public void LastRefusalIn_UnknownPid_ChineseFromTheSession_EnglishUnchanged()
    {
        var session = new ScheduleSession(ScheduleLevels.Flush());
        session.Run();

        session.RunNext(99);

        Assert.StartsWith("pid 99 is not a process of this level", session.LastRefusal, StringComparison.Ordinal);
        Assert.StartsWith("pid 99 不是本关的进程", session.LastRefusalIn("zh-Hans"), StringComparison.Ordinal);
    }
}
