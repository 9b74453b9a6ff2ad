namespace VmQuest.Platform;

/// <summary>
/// Runs frames on a backend in the order DESIGN.md §2 fixes: sample input → update (input becomes commands) →
/// fixed-step simulation → draw (reads only) → present. Interactive runs cap the frame rate; headless runs
/// render one deterministic frame after an exact number of ticks and save it.
/// </summary>
/// <remarks>
/// The loop never waits on the simulation: <see cref="FixedStepLoop.Advance"/> returns within its frame
/// budget at any speed, so input keeps being read and the window keeps answering.
/// </remarks>
public sealed class FrameRunner
{
    private readonly IRenderBackend _backend;
    private readonly FixedStepLoop _loop;

    /// <summary>Creates a runner for <paramref name="backend"/> driving <paramref name="loop"/>.</summary>
    public FrameRunner(IRenderBackend backend, FixedStepLoop loop)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(loop);
        _backend = backend;
        _loop = loop;
    }

    /// <summary>Shortest time per interactive frame (the software renderer has no vsync); default 60 fps.</summary>
    public TimeSpan TargetFrameTime { get; init; } = TimeSpan.FromSeconds(1.0 / 60);

    /// <summary>Frames presented so far.</summary>
    public long Frames { get; private set; }

    /// <summary>
    /// Runs until the window is closed or <paramref name="update"/> returns false.
    /// </summary>
    /// <param name="update">Reads the frame's input, changes game state; false ends the run.</param>
    /// <param name="draw">Draws the current state; must not change it.</param>
    /// <param name="clock">Paces the frames (a <see cref="StopwatchClock"/> in the game).</param>
    /// <param name="afterDraw">
    /// Runs after each frame is drawn and before it is presented — the one moment its pixels can be read back
    /// (the sandbox's screenshot key saves them there).
    /// </param>
    public void RunInteractive(Func<InputState, bool> update, Action<IRenderBackend> draw, IClock clock, Action<IRenderBackend>? afterDraw = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(clock);
        while (true)
        {
            var frameStart = clock.Now;
            var input = _backend.PollInput();
            if (input.CloseRequested || !update(input))
            {
                return;
            }

            _loop.Advance();
            Present(draw, afterDraw);
            var remaining = TargetFrameTime - (clock.Now - frameStart);
            if (remaining > TimeSpan.Zero)
            {
                Thread.Sleep(remaining);
            }
        }
    }

    /// <summary>
    /// Runs exactly <paramref name="afterTicks"/> simulation ticks, draws one frame and saves it as a PNG at
    /// <paramref name="path"/>. The image depends only on the game state, never on timing.
    /// </summary>
    public void RenderScreenshot(long afterTicks, Action<IRenderBackend> draw, string path)
    {
        ArgumentNullException.ThrowIfNull(draw);
        _backend.PollInput(); // drain the events window creation produced
        _loop.RunTicks(afterTicks);
        _backend.BeginFrame();
        draw(_backend);
        _backend.SavePng(path);
        _backend.EndFrame();
        Frames++;
    }

    private void Present(Action<IRenderBackend> draw, Action<IRenderBackend>? afterDraw)
    {
        _backend.BeginFrame();
        draw(_backend);
        afterDraw?.Invoke(_backend);
        _backend.EndFrame();
        Frames++;
    }
}
