using VmQuest.Levels.Model;
using VmQuest.Play;

namespace VmQuest.Cli;

/// <summary>What <c>vmquest verify</c> found for one file: the level (when it was found) and the verifier's result.</summary>
/// <param name="File">The replay file as named on the command line.</param>
/// <param name="LevelId">The level's id (from the level, else from the replay; null when the file did not read).</param>
/// <param name="Level">The level, when it loaded.</param>
/// <param name="Result">Verified, or why not.</param>
/// <param name="ReasonNamesFile">Whether the reason already starts with the file's name (a reader's or loader's line).</param>
internal sealed record VerifyOutcome(string File, string? LevelId, Level? Level, VerifyResult Result, bool ReasonNamesFile);
