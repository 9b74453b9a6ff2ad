using System.Diagnostics;
using System.Globalization;
using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;
using VmQuest.Play;
using VmQuest.Progress;
using VmQuest.Screens.Play;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest bench render --level ID</c>: the frame time of a level's play screen (city, panel, bars, timeline),
/// headless at 1280×720. The level is played with its reference player's decisions, one each frame while the session
/// waits, and rewound to its start whenever it ends, so every measured frame draws a live session. The figures are
/// the whole frame: the decision entering the schedule, the screen's update and its drawing; 10 warm-up frames and
/// setup are not measured.
/// </summary>
internal static class PlayScreenBench
{
    private const int WarmUpFrames = 10;

    public static int Run(string levelArgument, int frames, bool json, TextWriter output)
    {
        var level = LevelResolver.Resolve(levelArgument);
        var decisions = LevelSessions.PlayersOf(level).PlayReference(level).AppliedActions;
        using var backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        using var progress = new UnrecordedProgress();
        using var screen = new PlayScreen(level, new LevelPlay(level), progress);
        var ui = UiContext.Default;
        var stats = new FrameTimeStats();
        long allocated = 0;
        var next = 0;
        for (var i = 0; i < WarmUpFrames + frames; i++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var input = backend.PollInput();
            var play = screen.Play;
            if (play.Session.IsFinished || next >= decisions.Count)
            {
                play.RewindTo(0);
                play.Session.Run();
                next = 0;
            }
            else if (play.Session.IsWaiting)
            {
                var action = decisions[next++];
                play.Act(action.Kind, action.Arguments);
            }

            screen.Update(input, ui);
            backend.BeginFrame();
            screen.Draw(backend, ui);
            backend.EndFrame();
            if (i >= WarmUpFrames)
            {
                stats.Add(Stopwatch.GetElapsedTime(start));
                allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(json
            ? string.Create(inv,
                $"{{\"level\":\"{level.Id}\",\"width\":{backend.Width},\"height\":{backend.Height},\"measuredFrames\":{stats.Count},\"medianMs\":{stats.MedianMs:0.###},\"p99Ms\":{stats.P99Ms:0.###},\"maxMs\":{stats.MaxMs:0.###},\"allocatedBytesPerFrame\":{allocated / Math.Max(1, stats.Count)}}}")
            : string.Create(inv,
                $"play screen of {level.Id}, {backend.Width}×{backend.Height}: median {stats.MedianMs:0.00} ms, p99 {stats.P99Ms:0.00} ms over {stats.Count} frames"));
        return 0;
    }

    // The bench records nothing: no records database, no speedrun clocks.
    private sealed class UnrecordedProgress : IGameProgress
    {
        public LevelStanding StandingOf(Level level) => new(level.Id, 0, false, [], 0, level.Metrics.Count);

        public void MenuEntered()
        {
        }

        public void MenuLeft()
        {
        }

        public void LevelStarted(Level level)
        {
        }

        public void PlayerActed()
        {
        }

        public LevelResult LevelFinished(LevelSession session) => new(session.Level, session.IsWon, session.Failure,
            [.. session.Level.Metrics.Select(m => new MetricResult(m.Name, session.Metric(m.Kind), m.Par, null, null, false))],
            false, new Records.SpeedrunTimes(session.Metric(MetricKind.Cycles), 0, 0), null, false, null);

        public void LevelAbandoned(LevelSession session)
        {
        }

        public string SaveReplay(LevelResult result, string path) => path;

        public void Dispose()
        {
        }
    }
}
