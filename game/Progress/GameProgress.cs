using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Play;
using VmQuest.Records;
using VmQuest.Replays;
using VmQuest.Rules;
using VmQuest.Speedrun;

namespace VmQuest.Progress;

/// <summary>
/// The game's <see cref="IGameProgress"/>: speedrun clocks for each level attempt and for a campaign run, the
/// records (<see cref="RecordsStore"/>, opened for each use) and optionally LiveSplit Server, driven live.
/// </summary>
/// <remarks>
/// <para><b>Times.</b> An attempt's real time runs from its first input to its end, pauses included; its load-removed
/// time stops between <see cref="MenuEntered"/> and <see cref="MenuLeft"/>. Cycles are the kernel's own clock at the
/// end. A campaign run is one timer from the first input of the run to its last level's win, retries included.</para>
/// <para><b>LiveSplit</b> follows the campaign run while one runs, else each level attempt as a one-segment run:
/// <c>starttimer</c> at the first input, <c>pausegametime</c>/<c>unpausegametime</c> around menus, <c>setgametime</c>
/// and <c>split</c> at a win, <c>reset</c> when an attempt is lost or abandoned, a campaign run is abandoned, the
/// game quits with a run unfinished, or the next run starts after a finished one.</para>
/// <para><b>Records.</b> Every finished attempt, won or lost, is recorded with its metrics and three figures (its
/// replay when won); a campaign run is begun in the records at its first input, gets a split per won level and is
/// finished or reset with it. A records problem never throws: it becomes <see cref="LevelResult.Note"/> and
/// <see cref="StatusNote"/>, and the game plays on unrecorded. Single-threaded: call it from the game's main thread.</para>
/// </remarks>
public sealed class GameProgress : IGameProgress
{
    private readonly RecordsAccess? _records;
    private readonly IClock _clock;
    private readonly TimeProvider _wall;
    private readonly LiveSplitConnection? _liveSplit;
    private readonly Dictionary<(string Id, string Hash), LevelStanding> _standings = [];
    private SpeedrunClock? _attempt;
    private SpeedrunClock? _lastLevelRun;
    private CampaignProgress? _campaign;
    private bool _inMenu;
    private string? _pendingNote;
    private string? _startupNote;
    private string? _recordsStatus;
    private string? _liveSplitLost;
    private bool _liveSplitProblemShown;

    /// <summary>
    /// Creates the progress over the records in <paramref name="dataDirectory"/> (null: no records, clocks still
    /// run), timing with <paramref name="clock"/> (default the monotonic clock) and stamping records with
    /// <paramref name="wall"/> (default the system's), driving <paramref name="liveSplit"/> when given (disposed
    /// with this object).
    /// </summary>
    public GameProgress(string? dataDirectory, IClock? clock = null, TimeProvider? wall = null, LiveSplitConnection? liveSplit = null)
    {
        _clock = clock ?? new StopwatchClock();
        _wall = wall ?? TimeProvider.System;
        _liveSplit = liveSplit;
        if (dataDirectory is not null)
        {
            _records = new RecordsAccess(dataDirectory, _wall);
            // Open once now, so a problem (moved aside, locked, newer schema) shows on the title screen at once.
            _records.Use(_ => true, out var note);
            _recordsStatus = note;
            _pendingNote = note;
        }
    }

    /// <summary>
    /// The game's progress as the command line asks for it: records in the data directory that
    /// <paramref name="dataDirArgument"/> (<c>--data-dir</c>), <c>VMQUEST_DATA</c> or XDG give, and LiveSplit
    /// Server at <paramref name="liveSplit"/> (<c>--livesplit</c>) when given. Neither problem stops the game: an
    /// unreachable LiveSplit or unusable records are one line on <paramref name="error"/> and in <see cref="StatusNote"/>.
    /// </summary>
    public static GameProgress Open(string? dataDirArgument, LiveSplitAddress? liveSplit, TextWriter error, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        string? directory = null;
        string? note = null;
        try
        {
            directory = RecordsLocation.Resolve(dataDirArgument);
        }
        catch (RecordsException e)
        {
            note = $"vmquest: {e.Message}; playing without records";
        }

        LiveSplitConnection? connection = null;
        if (liveSplit is { } address)
        {
            try
            {
                connection = LiveSplitConnection.Connect(address, TimeSpan.FromSeconds(2));
            }
            catch (LiveSplitUnavailableException e)
            {
                note = RecordsAccess.Combine(note, $"vmquest: {e.Message}; playing without LiveSplit");
            }
        }

        var progress = new GameProgress(directory, clock, liveSplit: connection);
        progress._startupNote = note;
        progress._pendingNote = progress.StatusNote;
        if (progress.StatusNote is { } line)
        {
            error.WriteLine(line);
        }

        return progress;
    }

    /// <summary>
    /// One line for the title screen: what went wrong at start (no data directory, LiveSplit unreachable), LiveSplit
    /// lost since, and the latest records problem (cleared by the next use of the records that works). Null when all is well.
    /// </summary>
    public string? StatusNote => RecordsAccess.Combine(RecordsAccess.Combine(_startupNote, _liveSplitLost), _recordsStatus);

    /// <summary>The records database file, or null when the game plays without records.</summary>
    public string? DatabasePath => _records?.DatabasePath;

    /// <summary>The LiveSplit connection, when one was made.</summary>
    public LiveSplitConnection? LiveSplit => _liveSplit;

    /// <inheritdoc/>
    public SplitTime Timer
    {
        get
        {
            var clock = _campaign?.Clock ?? _attempt ?? _lastLevelRun;
            return clock is null ? default : new SplitTime(0, clock.RealTime, clock.LoadRemovedTime);
        }
    }

    /// <inheritdoc/>
    public LevelStanding StandingOf(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (_standings.TryGetValue((level.Id, level.Hash), out var cached))
        {
            return cached;
        }

        var attempts = _records?.Use(store => store.Attempts(level.Id, level.Hash), out _) ?? [];
        var standing = LevelStandings.Of(level, attempts);
        if (_records is not null)
        {
            _standings[(level.Id, level.Hash)] = standing;
        }

        return standing;
    }

    /// <inheritdoc/>
    public void MenuEntered()
    {
        _inMenu = true;
        _attempt?.EnterLoad();
        _campaign?.Clock.EnterLoad();
    }

    /// <inheritdoc/>
    public void MenuLeft()
    {
        _inMenu = false;
        _attempt?.LeaveLoad();
        _campaign?.Clock.LeaveLoad();
    }

    /// <inheritdoc/>
    public void LevelStarted(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        // A new attempt while one runs: the old one was left without a word.
        _attempt?.Reset();
        if (_campaign is null)
        {
            // LiveSplit must be reset before its next start (also after a finished one-level run).
            _lastLevelRun?.Reset();
        }

        _attempt = NewClock(followedByLiveSplit: _campaign is null);
        if (_campaign is null)
        {
            _lastLevelRun = _attempt;
        }
    }

    /// <inheritdoc/>
    public void PlayerActed()
    {
        if (_campaign is { } campaign && campaign.Clock.State == SpeedrunState.NotStarted)
        {
            campaign.Clock.Start();
            if (_inMenu)
            {
                campaign.Clock.EnterLoad();
            }

            BeginCampaignInRecords(campaign);
        }

        if (_attempt is { State: SpeedrunState.NotStarted } attempt)
        {
            attempt.Start();
            if (_inMenu)
            {
                attempt.EnterLoad();
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The session is not over (a screen's mistake, not the player's).</exception>
    public LevelResult LevelFinished(LevelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!session.IsFinished)
        {
            throw new InvalidOperationException("LevelFinished is for a session that is over; use LevelAbandoned to leave one unfinished");
        }

        var level = session.Level;
        // A level can end without an input (nothing to decide): its figures start and end there.
        PlayerActed();
        long cycles = session.Kernel.Machine.Clock.Cycles;
        var attempt = _attempt ?? NewClock(followedByLiveSplit: false);
        SplitTime figures;
        if (session.IsWon && attempt.Split(cycles, segments: 1) is { } won)
        {
            figures = won;
        }
        else
        {
            figures = new SplitTime(cycles, attempt.RealTime, attempt.LoadRemovedTime);
            attempt.Reset();
        }

        _attempt = null;
        var times = AttemptTimes.Of(figures);
        var claimed = session.Metrics();
        var replay = session.IsWon ? session.ToReplay() : null;
        var note = TakePendingNote();
        IReadOnlyList<StoredAttempt> earlier = [];
        RecordedAttempt? recorded = null;
        if (_records is not null)
        {
            var record = new AttemptRecord(level.Id, level.Version, level.Hash, RulesVersion.Current, _wall.GetUtcNow(), session.Seed,
                [.. claimed.Select(m => new MetricValue(m.Name, m.Value))], times, Verified: false,
                replay is null ? null : new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(ReplayWriter.ToText(replay))), Won: session.IsWon);
            (earlier, recorded) = _records.Use(store => (store.Attempts(level.Id, level.Hash), store.AddAttempt(record)), out var recordsNote);
            earlier ??= [];
            _recordsStatus = recordsNote;
            note = RecordsAccess.Combine(note, recordsNote);
            _standings.Remove((level.Id, level.Hash));
        }

        var split = SplitCampaign(session, cycles, recorded?.Id, ref note);
        var metrics = level.Metrics.Select(metric =>
        {
            long value = claimed.First(c => c.Name == metric.Name).Value;
            var best = earlier.Where(a => a.Attempt.Won).Select(a => a.Attempt.Metric(metric.Name)).Where(v => v is not null).Min();
            bool isNew = recorded is not null && recorded.NewPersonalBests.Contains(metric.Name);
            return new MetricResult(metric.Name, value, metric.Par, best, LevelOptima.Of(level, metric.Kind), isNew);
        }).ToArray();
        return new LevelResult(level, session.IsWon, session.Failure, metrics, recorded?.OnFrontier ?? false, times, replay,
            recorded is not null, RecordsAccess.Combine(note, LiveSplitProblem()), split, session.FailureIn("zh-Hans"));
    }

    /// <inheritdoc/>
    public void LevelAbandoned(LevelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _campaign?.AddCycles(session.Kernel.Machine.Clock.Cycles);
        _attempt?.Reset();
        _attempt = null;
    }

    /// <inheritdoc/>
    public string SaveReplay(LevelResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(path);
        if (result.Replay is not { } replay)
        {
            throw new InvalidOperationException("only a won attempt has a replay to save");
        }

        ReplayWriter.Write(replay, path);
        return path;
    }

    /// <inheritdoc/>
    public void CampaignStarted(string campaign, IReadOnlyList<Level> levels)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(levels);
        CampaignAbandoned();
        // A one-level run LiveSplit still shows (or one being played) must be reset before the campaign's
        // starttimer; the campaign's levels begin with their own LevelStarted.
        _attempt?.Reset();
        _attempt = null;
        _lastLevelRun?.Reset();
        _lastLevelRun = null;
        _campaign = new CampaignProgress(campaign, levels, NewClock(followedByLiveSplit: true));
    }

    /// <inheritdoc/>
    public Level? CampaignNextLevel => _campaign?.NextLevel;

    /// <inheritdoc/>
    public void CampaignAbandoned()
    {
        if (_campaign is not { } campaign)
        {
            return;
        }

        _campaign = null;
        if (!campaign.IsFinished)
        {
            campaign.Clock.Reset();
            if (campaign.RunId is { } run && _records is not null)
            {
                _records.Use(store =>
                {
                    store.ResetRun(run, _wall.GetUtcNow());
                    return true;
                }, out var note);
                _recordsStatus = note;
            }
        }
    }

    /// <summary>Quits: an unfinished run is reset (in LiveSplit and the records); the LiveSplit connection is closed.</summary>
    public void Dispose()
    {
        _attempt?.Reset();
        _attempt = null;
        CampaignAbandoned();
        if (_lastLevelRun is { State: SpeedrunState.Running })
        {
            _lastLevelRun.Reset();
        }

        _liveSplit?.Dispose();
    }

    private SpeedrunClock NewClock(bool followedByLiveSplit)
    {
        var clock = new SpeedrunClock(_clock);
        if (followedByLiveSplit && _liveSplit is not null)
        {
            clock.Subscribe(_liveSplit);
        }

        return clock;
    }

    private void BeginCampaignInRecords(CampaignProgress campaign)
    {
        if (_records is null)
        {
            return;
        }

        var run = _records.Use(store => (long?)store.BeginCampaignRun(RulesVersion.Current, _wall.GetUtcNow(), campaign.Name), out var note);
        campaign.RunId = run;
        campaign.Unrecorded = run is null;
        _recordsStatus = note;
        _pendingNote = RecordsAccess.Combine(_pendingNote, note);
    }

    /// <summary>Adds the attempt to the campaign run and splits it when it won the run's current level.</summary>
    private CampaignSplit? SplitCampaign(LevelSession session, long cycles, long? attemptId, ref string? note)
    {
        if (_campaign is not { } campaign)
        {
            return null;
        }

        campaign.AddCycles(cycles);
        if (!session.IsWon || campaign.NextLevel?.Id != session.Level.Id)
        {
            return null;
        }

        int index = campaign.NextSegment;
        if (campaign.Split() is not { } times)
        {
            return null;
        }

        var (segment, cumulative) = times;

        var name = session.Level.Title.En;
        var split = new CampaignSplit(index, name, session.Level.Id, segment, cumulative, attemptId);
        if (campaign.RunId is { } run && !campaign.Unrecorded && _records is not null)
        {
            var stored = _records.Use(store =>
            {
                var added = store.AddSplit(run, new SplitInput(name, session.Level.Id, segment, attemptId));
                if (campaign.IsFinished)
                {
                    store.FinishRun(run, _wall.GetUtcNow());
                }

                return added;
            }, out var splitNote);
            _recordsStatus = splitNote;
            note = RecordsAccess.Combine(note, splitNote);
            campaign.Unrecorded = stored is null;
            split = stored ?? split;
        }
        else if (_records is not null && campaign.Unrecorded)
        {
            note = RecordsAccess.Combine(note, "this campaign run is not being recorded: the records could not be written when it started");
        }

        if (campaign.IsFinished)
        {
            _campaign = null;
            _lastLevelRun = campaign.Clock;
        }

        return split;
    }

    private string? TakePendingNote()
    {
        var note = _pendingNote;
        _pendingNote = null;
        return note;
    }

    private string? LiveSplitProblem()
    {
        if (_liveSplit?.Problem is not { } problem || _liveSplitProblemShown)
        {
            return null;
        }

        _liveSplitProblemShown = true;
        _liveSplitLost = "vmquest: " + problem;
        return _liveSplitLost;
    }
}
