using VmQuest.Levels.Catalog;
using VmQuest.Levels.Model;
using VmQuest.Play.FaultAction;

namespace VmQuest.Tests.Game.Play.FaultAction;

/// <summary>The shipped fault-action level and helpers that play it as the handler would.</summary>
internal static class FaultLevels
{
    public static Level FirstFaults() => LevelResolver.Resolve(Path.Combine(ShippedLevels.Directory, "fault-action", "first-faults.yaml"));

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
