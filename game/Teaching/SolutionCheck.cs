using System.Globalization;
using System.Text;
using VmQuest.Engine.Formats;
using VmQuest.Levels;
using VmQuest.Levels.Model;
using VmQuest.Play;
using VmQuest.Replays;

namespace VmQuest.Teaching;

/// <summary>
/// What a level's reference solution showed when it was re-simulated: whether it verifies, its metrics, and which
/// pars it misses. <see cref="Problem"/> is null exactly when it verified and met every par.
/// </summary>
/// <param name="File">The solution's path as a user would type it (the level's folder joined with its place there).</param>
/// <param name="Verified">Whether the replay re-simulated to its claims.</param>
/// <param name="Metrics">The verified metrics, in the level's order (empty when it did not verify).</param>
/// <param name="Problem">Why the solution does not qualify (one line, without the level file's name), or null.</param>
public sealed record SolutionCheck(string File, bool Verified, IReadOnlyList<ClaimedMetric> Metrics, string? Problem)
{
    /// <summary>
    /// Re-simulates <paramref name="level"/>'s solution (the bytes the loader read, never read again) and checks it
    /// meets every par, as the game's shipped-solution test does. Null when the level names no solution.
    /// </summary>
    public static SolutionCheck? Of(Level level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (level.Solution is not { } solution)
        {
            return null;
        }

        string file = Path.Join(Path.GetDirectoryName(level.SourcePath), solution.RelativePath);
        VerifyResult result;
        try
        {
            var replay = ReplayReader.Parse(Encoding.UTF8.GetString(solution.Bytes), file);
            result = ReplayVerifier.Verify(replay, level);
        }
        catch (FormatParseException e)
        {
            return new SolutionCheck(file, false, [], "its solution: " + e.Message);
        }

        if (!result.Verified)
        {
            return new SolutionCheck(file, false, result.Metrics, $"its solution {OneLine.Escape(file)} does not verify: {result.Reason}");
        }

        var missed = result.Metrics
            .Select(m => (m.Name, m.Value, Par: level.Metrics.First(l => l.Name == m.Name).Par))
            .Where(m => m.Value > m.Par)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value} > par {m.Par}"))
            .ToList();
        return new SolutionCheck(file, true, result.Metrics,
            missed.Count == 0 ? null : $"its solution {OneLine.Escape(file)} verifies but misses a par: {string.Join(", ", missed)}");
    }

    /// <summary>The metrics as <c>faults 7/7, actions 4/4</c> (value / par).</summary>
    public string Summary(Level level) => string.Join(", ", Metrics.Select(m =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Value}/{level.Metrics.First(l => l.Name == m.Name).Par}")));
}
