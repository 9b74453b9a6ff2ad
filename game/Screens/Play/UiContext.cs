namespace VmQuest.Screens.Play;

/// <summary>
/// What every screen and panel draws with: the language, the UI scale and the text sizes that follow from it.
/// The colours come from <see cref="Platform.Palette"/>, whose scheme the settings switch.
/// </summary>
/// <param name="Language">The language code: <c>en</c> or <c>zh-Hans</c>.</param>
/// <param name="Scale">The UI scale (1 = 100 %), applied to text sizes and panel metrics.</param>
public sealed record UiContext(string Language, float Scale)
{
    /// <summary>English at 100 %.</summary>
    public static UiContext Default { get; } = new("en", 1f);

    /// <summary>True for Simplified Chinese.</summary>
    public bool IsChinese => Language == "zh-Hans";

    /// <summary>Body text size in pixels.</summary>
    public float TextSize => 15f * Scale;

    /// <summary>Heading text size in pixels.</summary>
    public float HeadingSize => 22f * Scale;

    /// <summary>Small text (captions, key bar) in pixels.</summary>
    public float SmallSize => 12f * Scale;

    /// <summary>Picks the text in the UI's language.</summary>
    public string T(string english, string chinese) => IsChinese ? chinese : english;
}
