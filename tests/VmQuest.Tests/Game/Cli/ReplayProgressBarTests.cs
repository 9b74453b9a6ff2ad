using VmQuest.Cli;

namespace VmQuest.Tests.Game.Cli;

public class ReplayProgressBarTests
{
    private static (ReplayProgressBar Bar, StringWriter Error, Action<double> SetSeconds) Bar()
    {
        var error = new StringWriter();
        var now = TimeSpan.Zero;
        var bar = new ReplayProgressBar(error, () => now);
        return (bar, error, seconds => now = TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void Report_WithinTheFirstSecond_DrawsNothing()
    {
        var (bar, error, at) = Bar();

        at(0.9);
        bar.Report(500, 1000);
        bar.Finish();

        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Report_AfterASecond_DrawsTheShareDoneInPlace()
    {
        var (bar, error, at) = Bar();

        at(1.5);
        bar.Report(420, 1000);

        Assert.Equal("\r[############------------------]  42.0%  420 / 1,000 references", error.ToString());
    }

    [Fact]
    public void Report_SameTenthOfAPercent_IsNotRedrawn()
    {
        var (bar, error, at) = Bar();
        at(2);
        bar.Report(4_200, 10_000);
        var once = error.ToString();

        bar.Report(4_201, 10_000);

        Assert.Equal(once, error.ToString());
    }

    [Fact]
    public void Finish_AfterDrawing_ErasesTheLine()
    {
        var (bar, error, at) = Bar();
        at(2);
        bar.Report(1_000, 1_000);
        var drawn = error.ToString().Length - 1;

        bar.Finish();

        Assert.EndsWith("\r" + new string(' ', drawn) + "\r", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Wanted_WithJson_IsFalse() => Assert.False(ReplayProgressBar.Wanted(json: true));
}
