namespace VmQuest.Levels.Model;

/// <summary>A text a player reads, in every language the game speaks. Invariant: both are non-empty.</summary>
/// <param name="En">English.</param>
/// <param name="ZhHans">Simplified Chinese (<c>zh-Hans</c>).</param>
public sealed record LocalizedText(string En, string ZhHans)
{
    /// <summary>The language codes a level must give every text in, in the order files list them.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "zh-Hans"];

    /// <summary>The text in <paramref name="language"/> (<c>en</c> or <c>zh-Hans</c>); English for any other code.</summary>
    public string For(string language) => language == "zh-Hans" ? ZhHans : En;
}
