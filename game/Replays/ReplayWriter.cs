using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats.Output;

namespace VmQuest.Replays;

/// <summary>Writes a <see cref="ReplayFile"/> in <see cref="ReplayFormat"/>'s text form; the same replay always gives the same bytes.</summary>
public static class ReplayWriter
{
    /// <summary>The replay's text.</summary>
    /// <exception cref="ArgumentException">A name or value is not a single word, or the order invariants do not hold.</exception>
    public static string ToText(ReplayFile replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        Check(replay);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"{ReplayFormat.Magic} {replay.FormatVersion}\n");
        text.Append("# A VmQuest solution: 'vmquest verify FILE' re-simulates it and checks every claim.\n");
        text.Append(c, $"rules {replay.RulesVersion}\n");
        text.Append(c, $"level {replay.LevelId} {replay.LevelVersion} {replay.LevelHash}\n");
        text.Append(c, $"seed {replay.Seed}\n");
        text.Append(c, $"hash-interval {replay.HashInterval}\n");
        foreach (var claim in replay.Claims)
        {
            text.Append(c, $"claim {claim.Name} {claim.Value}\n");
        }

        // Actions and checkpoints interleave by tick, so the file reads as the run went.
        int s = 0;
        foreach (var action in replay.Actions)
        {
            for (; s < replay.Checkpoints.Count && replay.Checkpoints[s].Tick < action.Tick; s++)
            {
                AppendCheckpoint(text, replay.Checkpoints[s]);
            }

            text.Append(c, $"action {action.Tick} {action.Kind}");
            foreach (var (key, value) in action.Arguments)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            text.Append('\n');
        }

        for (; s < replay.Checkpoints.Count; s++)
        {
            AppendCheckpoint(text, replay.Checkpoints[s]);
        }

        text.Append(c, $"end {replay.Actions.Count} {replay.Checkpoints.Count}\n");
        return text.ToString();
    }

    /// <summary>Writes the replay to <paramref name="path"/> atomically.</summary>
    /// <exception cref="OutputFileException">The file may not or could not be written.</exception>
    public static void Write(ReplayFile replay, string path) => AtomicFile.WriteAllText(path, ToText(replay));

    private static void AppendCheckpoint(StringBuilder text, StateCheckpoint checkpoint) =>
        text.Append(CultureInfo.InvariantCulture, $"state {checkpoint.Tick} {checkpoint.Hash}\n");

    private static void Check(ReplayFile replay)
    {
        Require(ReplayFormat.IsWord(replay.LevelId), "the level id must be one word");
        Require(ReplayFormat.IsWord(replay.LevelHash), "the level hash must be one word");
        Require(replay.HashInterval > 0, "the hash interval must be positive");
        Require(replay.Claims.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() == replay.Claims.Count, "metric names must be unique");
        Require(replay.Claims.All(m => ReplayFormat.IsWord(m.Name)), "metric names must be single words");
        long tick = 0;
        foreach (var action in replay.Actions)
        {
            Require(action.Tick >= tick, "actions must be in tick order");
            Require(ReplayFormat.IsWord(action.Kind), "an action's kind must be one word");
            Require(action.Arguments.All(a => ReplayFormat.IsWord(a.Key) && ReplayFormat.IsWord(a.Value)), "action arguments must be single words");
            tick = action.Tick;
        }

        long last = 0;
        foreach (var checkpoint in replay.Checkpoints)
        {
            Require(checkpoint.Tick > last && checkpoint.Tick % replay.HashInterval == 0, "checkpoints must be at increasing multiples of the hash interval");
            Require(ReplayReader.IsHash(checkpoint.Hash), "a state hash must be 16 to 64 lower-case hex digits");
            last = checkpoint.Tick;
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new ArgumentException("cannot write the replay: " + what);
        }
    }
}
