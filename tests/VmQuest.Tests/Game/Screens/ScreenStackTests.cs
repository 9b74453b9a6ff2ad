using VmQuest.Platform;
using VmQuest.Screens;
using VmQuest.Screens.Play;
using VmQuest.Tests.Game.Platform;
using VmQuest.Tests.Game.Screens.Shell;

namespace VmQuest.Tests.Game.Screens;

public sealed class ScreenStackTests
{
    [Fact]
    public void Update_OnlyTheTopScreen_IsUpdated()
    {
        var below = new FakeScreen("below");
        var top = new FakeScreen("top");
        var stack = new ScreenStack(below, new RecordingProgress());
        stack.Push(top);
        stack.Update(new InputState(), UiContext.Default);
        Assert.Equal(0, below.Updates);
        Assert.Equal(1, top.Updates);
    }

    [Fact]
    public void Apply_PushReplacePop_ChangesTheStack_AndPoppingTheLastEndsTheGame()
    {
        var stack = new ScreenStack(new FakeScreen("a"), new RecordingProgress());
        stack.Apply(new ScreenTransition.Push(new FakeScreen("b")));
        stack.Apply(new ScreenTransition.Replace(new FakeScreen("c")));
        Assert.Equal(["a", "c"], stack.Names);
        stack.Apply(new ScreenTransition.Pop());
        Assert.Equal("a", stack.Top!.Name);
        stack.Apply(new ScreenTransition.Pop());
        Assert.False(stack.IsRunning);
        Assert.False(stack.Update(new InputState(), UiContext.Default));
    }

    [Fact]
    public void Update_QuitTransition_EndsTheGameAndDisposesTheScreens()
    {
        var screen = new FakeScreen("a");
        var stack = new ScreenStack(screen, new RecordingProgress());
        screen.Next = new ScreenTransition.Quit();
        Assert.False(stack.Update(new InputState(), UiContext.Default));
        Assert.True(screen.Disposed);
    }

    [Fact]
    public void Draw_Overlay_DrawsTheScreensBelowFirst_ButNotUnderAnOpaqueScreen()
    {
        var log = new List<string>();
        var stack = new ScreenStack(new FakeScreen("hidden", log: log), new RecordingProgress());
        stack.Push(new FakeScreen("play", log: log));
        stack.Push(new FakeScreen("pause", overlay: true, log: log));
        stack.Push(new FakeScreen("help", overlay: true, log: log));
        stack.Draw(new RecordingRenderBackend(), UiContext.Default);
        Assert.Equal(["play", "pause", "help"], log);
    }

    [Fact]
    public void MenuChanges_OnTop_AreToldToTheProgress_OncePerChange()
    {
        var progress = new RecordingProgress();
        var stack = new ScreenStack(new FakeScreen("title", menu: true), progress);
        stack.Apply(new ScreenTransition.Push(new FakeScreen("briefing", menu: true)));
        stack.Apply(new ScreenTransition.Push(new FakeScreen("play", menu: false)));
        stack.Apply(new ScreenTransition.Push(new FakeScreen("pause", menu: true, overlay: true)));
        stack.Apply(new ScreenTransition.Pop());
        stack.Apply(new ScreenTransition.Replace(new FakeScreen("play again", menu: false)));
        stack.Apply(new ScreenTransition.Pop());
        Assert.Equal(["MenuEntered", "MenuLeft", "MenuEntered", "MenuLeft", "MenuEntered"], progress.Calls);
    }

    [Fact]
    public void Apply_AnchorAlreadyInTheStack_GoesBackToIt()
    {
        var levels = new FakeAnchor("levels");
        var stack = new ScreenStack(new FakeScreen("title"), new RecordingProgress());
        stack.Apply(new ScreenTransition.Push(levels));
        stack.Apply(new ScreenTransition.Push(new FakeScreen("briefing")));
        var play = new FakeScreen("play");
        stack.Apply(new ScreenTransition.Push(play));
        var second = new FakeAnchor("levels");
        stack.Apply(new ScreenTransition.Replace(second)); // "level select" from the results
        Assert.Equal(["title", "levels"], stack.Names);
        Assert.Same(levels, stack.Top);
        Assert.True(play.Disposed);
        Assert.True(second.Disposed);
    }

    [Fact]
    public void Apply_AnchorNotInTheStack_IsPushed()
    {
        var stack = new ScreenStack(new FakeScreen("title"), new RecordingProgress());
        stack.Apply(new ScreenTransition.Push(new FakeAnchor("levels")));
        Assert.Equal(["title", "levels"], stack.Names);
    }

    private sealed class FakeAnchor(string name) : IAnchorScreen, IDisposable
    {
        public bool Disposed { get; private set; }

        public string Name => name;

        public bool IsMenu => true;

        public bool IsOverlay => false;

        public ScreenTransition? Update(InputState input, UiContext ui) => null;

        public void Draw(IRenderBackend backend, UiContext ui)
        {
        }

        public void Dispose() => Disposed = true;
    }

    private sealed class FakeScreen(string name, bool menu = true, bool overlay = false, List<string>? log = null) : IScreen, IDisposable
    {
        public int Updates { get; private set; }

        public bool Disposed { get; private set; }

        public ScreenTransition? Next { get; set; }

        public string Name => name;

        public bool IsMenu => menu;

        public bool IsOverlay => overlay;

        public ScreenTransition? Update(InputState input, UiContext ui)
        {
            Updates++;
            return Next;
        }

        public void Draw(IRenderBackend backend, UiContext ui) => log?.Add(name);

        public void Dispose() => Disposed = true;
    }
}
