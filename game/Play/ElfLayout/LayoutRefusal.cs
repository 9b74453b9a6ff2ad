namespace VmQuest.Play.ElfLayout;

/// <summary>
/// Why a placement or a layout is refused, in English (<see cref="En"/>, the text replays and records use) and
/// Simplified Chinese (<see cref="Zh"/>, what the Chinese UI shows). <see cref="ElfLayoutRules"/> returns it; the
/// session hands both to <c>LevelSession.Refuse</c>.
/// </summary>
public sealed record LayoutRefusal(string En, string Zh);
