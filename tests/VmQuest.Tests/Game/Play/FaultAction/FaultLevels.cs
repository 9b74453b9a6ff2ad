using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play.FaultAction;

namespace VmQuest.Tests.Game.Play.FaultAction;

/// <summary>The shipped fault-action levels and helpers that play them as the handler would.</summary>
internal static class FaultLevels
{
    public static Level FirstFaults() => Shipped("first-faults.yaml");

    /// <summary>The shipped fault-action level <paramref name="file"/> of content/levels/fault-action.</summary>
    public static Level Shipped(string file) => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "fault-action", file));

    /// <summary>The file names of every shipped fault-action level (a theory's data; a new level is covered by being shipped).</summary>
    public static TheoryData<string> ShippedFiles() =>
        [.. ShippedLevels.All().Where(l => l.Player.Has(Mechanic.FaultAction)).Select(l => Path.GetFileName(l.SourcePath)).Order(StringComparer.Ordinal)];

    /// <summary>The handler's own answer to the pending fault, with the lowest frame the fault may take (when it takes one).</summary>
    public static string? AnswerAsHandler(FaultActionSession session, Func<IReadOnlyList<ulong>, ulong>? pick = null)
    {
        var fault = session.PendingFault ?? throw new InvalidOperationException("no fault is pending");
        var (kind, why) = FaultActions.Expected(fault)!.Value;
        var choices = session.FrameChoices();
        ulong? frame = session.Level.Player.FramePlacement && fault.NeedsFrame ? (pick ?? (c => c[0]))(choices) : null;
        return session.Answer(kind, why, frame);
    }

    /// <summary>Runs to the first pending fault whose handler answer is <paramref name="kind"/>.</summary>
    public static FaultActionSession RunTo(string kind, Level? level = null)
    {
        var session = new FaultActionSession(level ?? FirstFaults());
        session.Run();
        while (session.IsWaiting && FaultActions.Expected(session.PendingFault!)!.Value.Kind != kind)
        {
            Assert.Null(AnswerAsHandler(session));
            session.Run();
        }

        Assert.True(session.IsWaiting, $"no {kind} fault came");
        return session;
    }
}
