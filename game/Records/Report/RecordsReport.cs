namespace VmQuest.Records.Report;

/// <summary>Everything <c>vmquest records</c> prints, gathered from the store once, for the text and the JSON forms.</summary>
/// <param name="DatabasePath">The database file.</param>
/// <param name="LevelFilter">The <c>--level</c> asked for, or null for every level.</param>
/// <param name="Levels">Every level with attempts (or only the one asked for), by id.</param>
/// <param name="Campaigns">Every campaign with runs; none when a single level was asked for.</param>
internal sealed record RecordsReport(string DatabasePath, string? LevelFilter, IReadOnlyList<LevelReport> Levels, IReadOnlyList<CampaignReport> Campaigns)
{
    /// <summary>True when there is nothing to show.</summary>
    public bool IsEmpty => Levels.Count == 0 && Campaigns.Count == 0;

    /// <summary>Reads the report from <paramref name="store"/>; only <paramref name="levelFilter"/> when it is given.</summary>
    public static RecordsReport Gather(RecordsStore store, string? levelFilter)
    {
        ArgumentNullException.ThrowIfNull(store);
        var seen = store.Levels();
        var levels = new List<LevelReport>();
        foreach (var id in seen.Select(l => l.Id).Distinct(StringComparer.Ordinal))
        {
            if (levelFilter is not null && id != levelFilter)
            {
                continue;
            }

            var hash = store.CurrentHash(id)!;
            var current = seen.Single(l => l.Id == id && l.Hash == hash);
            var names = store.MetricNames(id, hash);
            levels.Add(new LevelReport(
                current,
                seen.Where(l => l.Id == id && l.Hash != hash).Sum(l => l.Attempts),
                names,
                store.Frontier(id, hash),
                store.Attempts(id, hash).Count(a => a.Attempt.Won),
                names.Select(n => (n, Best: store.PersonalBest(id, n, hash))).Where(b => b.Best is not null).Select(b => new MetricValue(b.n, b.Best!.Value)).ToArray(),
                store.BestTimes(id, hash)));
        }

        var campaigns = levelFilter is not null
            ? []
            : store.Campaigns().Select(c => new CampaignReport(c, store.CampaignPersonalBest(c.Name), store.GoldSplits(c.Name), store.SumOfBest(c.Name))).ToArray();
        return new RecordsReport(store.DatabasePath, levelFilter, levels, campaigns);
    }
}
