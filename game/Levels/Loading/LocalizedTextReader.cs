using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>Reads <c>{ en: …, zh-Hans: … }</c>: both languages are required, so no screen shows a missing text.</summary>
internal static class LocalizedTextReader
{
    public static LocalizedText Read(LevelNode node, int maxLength, bool oneLine = false)
    {
        var map = node.Map("a text in English and Simplified Chinese ({ en: …, zh-Hans: … })", [.. LocalizedText.Languages]);
        string en = Read(map.Required("en", "the English text"), "the English text", maxLength, oneLine);
        string zh = Read(map.Required("zh-Hans", "the Simplified Chinese text"), "the Simplified Chinese text", maxLength, oneLine);
        return new LocalizedText(en, zh);
    }

    private static string Read(LevelNode node, string what, int maxLength, bool oneLine) =>
        oneLine ? node.OneLineText(what, maxLength) : node.Text(what, maxLength).ReplaceLineEndings("\n");
}
