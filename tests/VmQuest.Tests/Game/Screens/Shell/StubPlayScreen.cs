using VmQuest.Levels.Model;
using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;

namespace VmQuest.Tests.Game.Screens.Shell;

/// <summary>Stands in for the play screen in shell tests: not a menu, Esc leaves.</summary>
internal sealed class StubPlayScreen(Level level) : IScreen
{
    public Level Level { get; } = level;

    public string Name => "play";

    public bool IsMenu => false;

    public bool IsOverlay => false;

    public ScreenTransition? Update(InputState input, UiContext ui) => input.IsKeyPressed(Key.Escape) ? new ScreenTransition.Pop() : null;

    public void Draw(IRenderBackend backend, UiContext ui) => backend.Clear(Palette.Background);
}
