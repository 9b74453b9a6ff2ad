namespace VmQuest.Play.Policy;

/// <summary>A refusal or failure in both languages: the English (replays compare it) and its Simplified Chinese.</summary>
internal readonly record struct Refusal(string En, string Zh);
