using VmQuest.Levels.Model;
using VmQuest.Levels.Yaml;

namespace VmQuest.Levels.Loading;

/// <summary>Reads <c>{ en: …, zh-Hans: … }</c>: both languages are required, so no screen shows a missing text.</summary>
internal static class LocalizedTextReader
{
    public static LocalizedText Read(LevelNode node, int maxLength)
    {
        var map = node.Map("a text in English and Simplified Chinese ({ en: …, zh-Hans: … })", [.. LocalizedText.Languages]);
        string en = map.Required("en", "the English text").Text("the English text", maxLength);
        string zh = map.Required("zh-Hans", "the Simplified Chinese text").Text("the Simplified Chinese text", maxLength);
        return new LocalizedText(en, zh);
    }
}
