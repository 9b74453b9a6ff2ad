namespace VmQuest.Screens;

/// <summary>
/// A screen the stack keeps at most one of (the title, the level select): opening another while one is already in
/// the stack goes back to that one instead, closing the screens above it — so "level select" from the pause menu
/// or the results returns to the level select the player came from rather than piling a second one on top.
/// </summary>
public interface IAnchorScreen : IScreen;
