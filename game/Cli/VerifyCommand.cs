using System.CommandLine;
using VmQuest.Engine.Formats;
using VmQuest.Levels.Catalog;
using VmQuest.Play;
using VmQuest.Records;
using VmQuest.Replays;

namespace VmQuest.Cli;

/// <summary>
/// <c>vmquest verify FILE… [--level PATH] [--record] [--data-dir DIR] [--json]</c>: re-simulates each replay headlessly
/// and accepts it only when the run earns exactly its claims (<see cref="ReplayVerifier"/>). Exit 0 when every file
/// verifies, 1 when any is rejected (one line each, saying why), 2 for bad usage.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Replay files (solutions) to verify", Arity = ArgumentArity.OneOrMore };
        var level = new Option<string?>("--level")
        {
            Description = "The level to verify against, by id or path; default: the replay's level id, looked up in content/levels",
            HelpName = "PATH",
        };
        var record = new Option<bool>("--record") { Description = "Add each verified result to your records (verified, with the replay's bytes)" };
        var dataDir = RecordsLocation.CreateOption();
        var json = new Option<bool>("--json") { Description = "Print JSON: " + VerifyOutput.Shape };
        var command = new Command("verify",
            "Re-simulate replays headlessly and check their claims (docs/replays.md): prints the verified metrics with pars and the "
            + "optimum; a rejected replay gets one line saying why (claimed metrics differ, another version of the level, another rules "
            + "version, illegal action at tick T, diverged at tick T, truncated or malformed). Exit 0 when all verify, 1 when any is "
            + "rejected, 2 for bad usage")
        {
            files, level, record, dataDir, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var outcomes = parse.GetValue(files)!.Select(file => VerifyOne(file, parse.GetValue(level))).ToList();
            if (parse.GetValue(record) && outcomes.Any(o => o.Result.Verified))
            {
                RecordAll(outcomes, RecordsLocation.Resolve(parse.GetValue(dataDir)), error);
            }

            if (parse.GetValue(json))
            {
                VerifyOutput.WriteJson(output, outcomes);
            }

            foreach (var outcome in outcomes)
            {
                if (outcome.Result.Verified && !parse.GetValue(json))
                {
                    VerifyOutput.WriteVerified(output, outcome);
                }
                else if (!outcome.Result.Verified)
                {
                    VerifyOutput.WriteRejected(error, outcome);
                }
            }

            return outcomes.All(o => o.Result.Verified) ? 0 : CommandGuard.InputError;
        });
        return command;
    }

    private static VerifyOutcome VerifyOne(string file, string? levelArgument)
    {
        ReplayFile replay;
        try
        {
            replay = ReplayReader.Read(file);
        }
        catch (FormatParseException e)
        {
            return new VerifyOutcome(file, null, null, VerifyResult.Rejected(e.Message), ReasonNamesFile: true);
        }

        Levels.Model.Level level;
        try
        {
            level = LevelResolver.Resolve(levelArgument ?? replay.LevelId);
        }
        catch (FormatParseException e)
        {
            return new VerifyOutcome(file, replay.LevelId, null, VerifyResult.Rejected("its level: " + e.Message), ReasonNamesFile: false);
        }

        try
        {
            return new VerifyOutcome(file, level.Id, level, ReplayVerifier.Verify(replay, level), ReasonNamesFile: false);
        }
        catch (FormatParseException e)
        {
            // The level loaded but is not one a victim session can play (another mechanic, an unmeasurable metric).
            return new VerifyOutcome(file, level.Id, level, VerifyResult.Rejected("its level cannot be verified: " + e.Message), ReasonNamesFile: false);
        }
    }

    private static void RecordAll(IReadOnlyList<VerifyOutcome> outcomes, string directory, TextWriter error)
    {
        using var store = RecordsStore.Open(directory);
        if (store.Recovery is { } recovery)
        {
            error.WriteLine(recovery.Line);
        }

        foreach (var outcome in outcomes.Where(o => o.Result.Verified))
        {
            var level = outcome.Level!;
            // The bytes stored are verified again, so a file replaced since it was read cannot enter the records.
            var bytes = File.ReadAllBytes(outcome.File);
            var replay = ReplayReader.Parse(System.Text.Encoding.UTF8.GetString(bytes), outcome.File);
            if (!ReplayVerifier.Verify(replay, level).Verified)
            {
                error.WriteLine($"vmquest: {outcome.File}: changed while it was being verified; not recorded");
                continue;
            }

            // Re-simulation measures cycles but no wall clock ran: the attempt is recorded untimed (real and
            // load-removed time unknown, stored as 0, never a best time; docs/records.md).
            var cycles = outcome.Result.Metrics.FirstOrDefault(m => m.Name == "cycles").Value;
            var recorded = store.AddAttempt(new AttemptRecord(level.Id, level.Version, level.Hash, replay.RulesVersion, DateTimeOffset.UtcNow,
                replay.Seed, [.. outcome.Result.Metrics.Select(m => new MetricValue(m.Name, m.Value))], new SpeedrunTimes(cycles, 0, 0),
                Verified: true, Replay: bytes, Timed: false));
            error.WriteLine($"vmquest: {outcome.File}: recorded as attempt {recorded.AttemptNumber} of level {level.Id}"
                + (recorded.OnFrontier ? " (on your Pareto frontier)" : ""));
        }
    }
}
