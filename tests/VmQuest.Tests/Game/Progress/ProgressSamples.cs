using Microsoft.Data.Sqlite;
using VmQuest.Engine.Kernel;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Play.Rules;
using VmQuest.Replays;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Game.Progress;

/// <summary>Sessions of the shipped victim level played to their end, for the progress tests.</summary>
internal static class ProgressSamples
{
    public static Level Belady { get; } = ShippedLevels.Belady();

    /// <summary>OPT's choices: faults 7, actions 4 — every par met.</summary>
    public static LevelSession Optimal(Level? level = null) => VictimPlayers.Instance.PlayReference(level ?? Belady);

    /// <summary>One finished session to hand to many attempts (LevelFinished only reads it).</summary>
    public static LevelSession Finished { get; } = Optimal();

    /// <summary>Linux's FIFO, no decision: faults 9 (misses the par), actions 0.</summary>
    public static LevelSession Fifo(Level? level = null) => VictimPlayers.Instance.PlayDefault(level ?? Belady);

    /// <summary>A raw connection to a database, as another program (or another VmQuest) would hold it.</summary>
    public static SqliteConnection Raw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A session of <see cref="ProgressSamples.Belady"/> that fails after one tick (the victim level itself cannot be lost).</summary>
internal sealed class LostSession : LevelSession
{
    public const string Why = "the program was killed before its trace could finish";

    private readonly KernelCore _kernel;

    public LostSession(Level level)
        : base(level, 0, DefaultHashInterval)
    {
        _kernel = new KernelCore(level.Machine.Description.WithImage(null), new KernelOptions());
        Start();
        Run();
    }

    public override KernelCore Kernel => _kernel;

    public override long? Length => 1;

    public override IReadOnlyList<string> DecisionKinds => [];

    protected override string? Decide(ReplayAction action) => "nothing is decided here";

    protected override TickOutcome Advance() => TickOutcome.Completed;

    protected override GoalState JudgeGoals() => Tick >= 1 ? GoalState.Failed(Why) : GoalState.Running;

    // Better than any win on every metric: a lost attempt must still never become a personal best.
    protected override long Measure(MetricKind kind) => 1;
}
