using System.Numerics;
using VmQuest.City.Animation;
using VmQuest.City.Hud;
using VmQuest.City.Inspection;
using VmQuest.City.Physical;
using VmQuest.City.Simulation;
using VmQuest.City.Virtual;
using VmQuest.Engine.Machine.Tlb;
using VmQuest.Platform;

namespace VmQuest.City;

/// <summary>
/// The city of memory (DESIGN.md §6) for one running simulation: physical city, virtual districts, city hall,
/// TLB board, HUD, tooltips, pan / zoom / select and the speed controls.
/// </summary>
/// <remarks>
/// <para>Raylib's rule: <see cref="Update"/> reads the frame's <see cref="InputState"/>, changes only view state
/// (camera, selection, speed) and refreshes caches from the simulation; it never draws. <see cref="Draw"/> only
/// reads — the simulation and the caches — and talks only to <see cref="IRenderBackend"/>.</para>
/// <para>Level of detail: when a lot is at least <see cref="LotDetailZoom"/> pixels wide every visible lot is a
/// rectangle (labels from <see cref="LotLabelZoom"/>); below that the city is drawn from
/// <see cref="CityTextureLayer"/> tiles, so the cost follows the screen, not the size of memory.</para>
/// </remarks>
public sealed partial class CityView : IDisposable
{
    /// <summary>Smallest lot width in pixels drawn lot by lot.</summary>
    public const float LotDetailZoom = 7;

    /// <summary>Smallest lot width in pixels that gets text labels.</summary>
    public const float LotLabelZoom = 40;

    /// <summary>Frames the texture sweep revisits per rendered frame.</summary>
    public const int SweepBudget = 16_384;

    private const float MaxZoom = 160;
    private const float PanSpeed = 14;
    private const int StreetRefreshFrames = 5;

    private readonly IRenderBackend _backend;
    private readonly CitySimulation _simulation;
    private readonly FixedStepLoop _loop;
    private readonly Func<TimeSpan> _elapsed;
    private readonly LotClassifier _classifier;
    private readonly CityInspector _inspector;
    private readonly SelectionEntities _selectionEntities;
    private readonly SelectionBox _selectionBox = new();
    private readonly LotRectDrawer _lots = new();
    private readonly VirtualDistrictPanel _virtual = new();
    private readonly TranslationRoute _route = new();
    private readonly HudBar _hud;
    private readonly Dictionary<float, TextWidths> _labelWidths = [];
    private CityTextureLayer? _texture;
    private IReadOnlyList<TlbEntryView> _tlbEntries = [];
    private IReadOnlyList<string> _tooltip = [];
    private IReadOnlyList<string> _selectionText = [];
    private bool _selectionDirty;
    private bool _selectionChanged;
    private (long Frame, int Pid, ulong Va, long Tick) _tooltipKey = (-2, 0, 0, -1);
    private long _lastTicks = -1;
    private long _lastRefreshFrame = -StreetRefreshFrames;
    private long _lastLookups = -1;
    private long _objectiveTick = -1;
    private string _objective = "";
    private string? _screenshotNote;
    private string? _actionNote;
    private long _frames;
    private bool _dragging;
    private Vector2 _pressAt;
    private Vector2 _mouse;
    private SimulationSpeed _resumeSpeed = SimulationSpeed.Normal;
    private CityViewOptions _options;

    /// <summary>Creates the view for <paramref name="simulation"/> driven by <paramref name="loop"/>.</summary>
    /// <param name="backend">Where the view draws (and creates its textures).</param>
    /// <param name="simulation">The simulation shown.</param>
    /// <param name="loop">The fixed-step loop whose speed the controls change.</param>
    /// <param name="elapsed">Real time for the HUD timer (deterministic in screenshots).</param>
    /// <param name="title">The HUD title.</param>
    /// <param name="options">Where the view sits (the whole window when null).</param>
    public CityView(IRenderBackend backend, CitySimulation simulation, FixedStepLoop loop, Func<TimeSpan> elapsed, string title, CityViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(elapsed);
        _backend = backend;
        _simulation = simulation;
        _loop = loop;
        _elapsed = elapsed;
        _hud = new HudBar(title);
        _classifier = new LotClassifier(simulation.Kernel);
        _inspector = new CityInspector(_classifier);
        _selectionEntities = new SelectionEntities(_classifier);
        _options = options ?? CityViewOptions.Window;
        Layout = LayoutFor(_options);
        Grid = new CityGrid(simulation.Kernel.Frames.Count, Layout.City.Width / Layout.City.Height);
        Camera = FitCamera();

        // Big cities open zoomed out, on the texture: build it now rather than in the first frame.
        if (Camera.Zoom < LotDetailZoom)
        {
            _texture = new CityTextureLayer(backend, Grid, _classifier);
        }

        RefreshCaches(force: true);
    }

    /// <summary>Where the parts of the view are on screen.</summary>
    public CityScreenLayout Layout { get; private set; }

    /// <summary>The physical city's geometry.</summary>
    public CityGrid Grid { get; }

    /// <summary>The camera over the physical city (world units = lots).</summary>
    public Camera2D Camera { get; private set; }

    /// <summary>The selected frame, or -1.</summary>
    public long SelectedFrame { get; private set; } = -1;

    /// <summary>The selected process (clicked street or city-hall row, or the owner of a selected lot), or 0.</summary>
    public int SelectedPid { get; private set; }

    /// <summary>The VMA start of the selected street page (when a street was clicked), or null.</summary>
    public ulong? SelectedVa { get; private set; }

    /// <summary>True while the help overlay (h, ?, F1) is shown.</summary>
    public bool ShowsHelp { get; private set; }

    /// <summary>The player pressed R: the caller should build a fresh run (the view itself is done).</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>Screenshots asked for with F12 and not yet taken (<see cref="TakeScreenshotRequest"/> clears it).</summary>
    public bool ScreenshotRequested { get; private set; }

    /// <summary>What the last screenshot key press produced ("wrote …" or why it failed), shown in the HUD objective.</summary>
    public string? ScreenshotNote
    {
        get => _screenshotNote;
        set
        {
            _screenshotNote = value;
            _objectiveTick = -1; // show it now, even while paused
        }
    }

    /// <summary>What the player's last action on the sandbox did (a fork, a kill, a console line), shown in the HUD objective; null for none.</summary>
    public string? ActionNote
    {
        get => _actionNote;
        private set
        {
            _actionNote = value;
            _objectiveTick = -1; // show it now, even while paused
        }
    }

    /// <summary>Returns true once per F12 press: the caller saves the frame just drawn.</summary>
    public bool TakeScreenshotRequest()
    {
        var requested = ScreenshotRequested;
        ScreenshotRequested = false;
        return requested;
    }

    /// <summary>What a click selected this frame (frame or -1, process or 0, street page or null), or null when nothing was clicked.</summary>
    public (long Frame, int Pid, ulong? Va)? ClickedThisFrame { get; private set; }

    /// <summary>How many animation steps one rendered frame advances (1–8): the play screen's animation speed.</summary>
    public int AnimationSteps { get; set; } = 1;

    /// <summary>Puts the camera back where it was (the play screen keeps it when undo rebuilds the city).</summary>
    public void RestoreCamera(Camera2D camera)
    {
        Camera = camera;
        EnsureTexture();
    }

    /// <summary>Moves an embedded view to <paramref name="viewport"/> (its host's layout changed).</summary>
    public void SetViewport(RectF viewport)
    {
        _options = _options with { Viewport = viewport };
        Layout = LayoutFor(_options);
        Camera = FitCamera();
        _selectionDirty = true;
    }

    /// <summary>The lines of the selection box (empty when nothing is selected).</summary>
    public IReadOnlyList<string> SelectionText => _selectionText;

    /// <summary>The selection's entity list as the box shows it (empty when nothing is selected, and in an embedded view).</summary>
    public IReadOnlyList<InspectorLine> SelectionEntities => _selectionBox.Entries;

    /// <summary>The first entity line the selection box shows (PgUp / PgDn move it).</summary>
    public int SelectionScroll => _selectionBox.Scroll;

    /// <summary>The frame under the mouse, or -1.</summary>
    public long HoveredFrame { get; private set; } = -1;

    /// <summary>The virtual page under the mouse, if any.</summary>
    public (int Pid, ulong Va)? HoveredPage { get; private set; }

    /// <summary>The tooltip lines for what is under the mouse (empty when nothing).</summary>
    public IReadOnlyList<string> Tooltip => _tooltip;

    /// <summary>True when the last draw used the texture level of detail.</summary>
    public bool DrawsTexture => Camera.Zoom < LotDetailZoom;

    /// <summary>The simulation shown.</summary>
    public CitySimulation Simulation => _simulation;

    /// <summary>
    /// Applies one frame of input: the keys listed in <see cref="HelpOverlay.Keys"/> — help (h, ?, F1), speed (Space
    /// pause, N/Period step, 1/2/3 = 1×/4×/max, or the HUD buttons), R restart, pan (drag, arrow keys), zoom (wheel,
    /// at the mouse; Home fits), hover and click-select (lots, streets, city-hall rows). Returns false when the
    /// player asked to leave (Escape with no help shown) or to restart (<see cref="RestartRequested"/>).
    /// </summary>
    public bool Update(InputState input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ClickedThisFrame = null;
        if (input.ResizedTo is not null && _options.Viewport is null)
        {
            Layout = LayoutFor(_options);
            _selectionDirty = true; // the box is cut to the city's size
        }

        if (_options.Embedded)
        {
            // The host screen owns the keys and the speed: only the mouse (pan, zoom, hover, select) is the city's.
            UpdateCamera(input);
            UpdatePointer(input);
            AdvanceAnimations();
            return true;
        }

        if (UpdateSettingsPanel(input))
        {
            ScreenshotRequested |= input.IsKeyPressed(Key.F12);
            UpdatePointer(input);
            AdvanceAnimations();
            return RestartWith is null;
        }

        if (UpdateConsole(input))
        {
            ScreenshotRequested |= input.IsKeyPressed(Key.F12);
            UpdatePointer(input);
            AdvanceAnimations();
            return true;
        }

        if (input.IsKeyPressed(Key.H) || input.IsKeyPressed(Key.F1) || input.Text.Contains('?', StringComparison.Ordinal)
            || (input.IsKeyPressed(Key.Slash) && (input.IsKeyDown(Key.LeftShift) || input.IsKeyDown(Key.RightShift))))
        {
            ShowsHelp = !ShowsHelp;
        }

        if (input.IsKeyPressed(Key.Escape))
        {
            if (!ShowsHelp)
            {
                return false;
            }

            ShowsHelp = false;
        }

        ScreenshotRequested |= input.IsKeyPressed(Key.F12);
        UpdateSandboxKeys(input);
        if (LoadRequested)
        {
            return false;
        }

        if (input.IsKeyPressed(Key.R))
        {
            RestartRequested = true;
            return false;
        }

        UpdateSpeed(input);
        UpdateSelectionKeys(input);
        UpdateCamera(input);
        UpdatePointer(input);
        AdvanceAnimations();
        return true;
    }

    // Tab: the next process (city-hall order); [ and ]: the previous / next lot; PgUp / PgDn: scroll the entity list.
    private void UpdateSelectionKeys(InputState input)
    {
        if (input.IsKeyPressed(Key.Tab) && _simulation.Kernel.Pids is { Count: > 0 } pids)
        {
            var next = pids.FirstOrDefault(p => p > SelectedPid);
            SelectProcess(next != 0 ? next : pids[0]);
        }

        var step = (input.IsKeyPressed(Key.RightBracket) ? 1 : 0) - (input.IsKeyPressed(Key.LeftBracket) ? 1 : 0);
        if (step != 0)
        {
            SelectFrame(SelectedFrame < 0 ? 0 : Math.Clamp(SelectedFrame + step, 0, Grid.FrameCount - 1));
        }

        var page = Math.Max(1, _selectionBox.VisibleRows - 1);
        var scroll = (input.IsKeyPressed(Key.PageDown) ? page : 0) - (input.IsKeyPressed(Key.PageUp) ? page : 0);
        if (scroll != 0)
        {
            _selectionBox.ScrollBy(scroll);
        }
    }

    private void SelectFrame(long frame)
    {
        SelectedFrame = frame;
        SelectedPid = _classifier.Inspect(frame, searchSharers: false).Owner;
        SelectedVa = null;
        _selectionDirty = _selectionChanged = true;
    }

    private void SelectProcess(int pid)
    {
        SelectedFrame = -1;
        SelectedPid = pid;
        SelectedVa = null;
        _selectionDirty = _selectionChanged = true;
    }

    private void AdvanceAnimations()
    {
        for (var i = Math.Clamp(AnimationSteps, 1, 8); i > 0; i--)
        {
            _simulation.Animations.Advance();
        }

        _route.Update(_simulation.Kernel, _simulation.Animations);
        RefreshCaches(force: false);
        _frames++;
    }

    private CityScreenLayout LayoutFor(CityViewOptions options) =>
        CityScreenLayout.For(options.Viewport ?? new RectF(0, 0, _backend.Width, _backend.Height), withHud: !options.Embedded);

    /// <summary>
    /// Zooms so a lot is <paramref name="pixelsPerLot"/> pixels wide, keeping the centre of the view (used by
    /// <c>bench render --zoom</c> to measure the close-up level of detail on a big city).
    /// </summary>
    public void ZoomToLots(float pixelsPerLot)
    {
        Camera = Camera.ZoomAt(Layout.City.Centre, pixelsPerLot / Camera.Zoom, 1e-4f, MaxZoom);
        EnsureTexture();
    }

    /// <summary>
    /// Brings every cache up to date with the simulation at once (the whole texture, the streets, the TLB board):
    /// for headless screenshots, where only one frame is drawn.
    /// </summary>
    public void RefreshEverything()
    {
        _texture?.Sweep((int)Math.Min(int.MaxValue, Grid.FrameCount));
        _simulation.Animations.RetainLatestTick();
        _route.Update(_simulation.Kernel, _simulation.Animations);
        RefreshCaches(force: true);
    }

    /// <summary>Frees the view's textures.</summary>
    public void Dispose() => _texture?.Dispose();

    private void UpdateSpeed(InputState input)
    {
        if (input.IsKeyPressed(Key.Space))
        {
            TogglePause();
        }

        if (input.IsKeyPressed(Key.N) || input.IsKeyPressed(Key.Period))
        {
            _loop.Step();
        }

        SetSpeedIf(input.IsKeyPressed(Key.D1), SimulationSpeed.Normal);
        SetSpeedIf(input.IsKeyPressed(Key.D2), SimulationSpeed.Fast);
        SetSpeedIf(input.IsKeyPressed(Key.D3), SimulationSpeed.Max);
        if (input.IsMousePressed(MouseButton.Left) && HudBar.ButtonAt(Layout.Hud, input.MousePosition) is var button and >= 0)
        {
            switch (button)
            {
                case 0: TogglePause(); break;
                case 1: _loop.Step(); break;
                case 2: _loop.Speed = SimulationSpeed.Normal; break;
                case 3: _loop.Speed = SimulationSpeed.Fast; break;
                default: _loop.Speed = SimulationSpeed.Max; break;
            }
        }
    }

    private void TogglePause()
    {
        if (_loop.Speed == SimulationSpeed.Paused)
        {
            _loop.Speed = _resumeSpeed;
        }
        else
        {
            _resumeSpeed = _loop.Speed;
            _loop.Speed = SimulationSpeed.Paused;
        }
    }

    private void SetSpeedIf(bool pressed, SimulationSpeed speed)
    {
        if (pressed)
        {
            _loop.Speed = speed;
        }
    }

    private void UpdateCamera(InputState input)
    {
        var pan = Vector2.Zero;
        if (!_options.Embedded)
        {
            pan.X += input.IsKeyDown(Key.Left) ? PanSpeed : 0;
            pan.X -= input.IsKeyDown(Key.Right) ? PanSpeed : 0;
            pan.Y += input.IsKeyDown(Key.Up) ? PanSpeed : 0;
            pan.Y -= input.IsKeyDown(Key.Down) ? PanSpeed : 0;
        }

        var overCity = Layout.City.Contains(input.MousePosition);
        if (input.IsMousePressed(MouseButton.Left) && overCity)
        {
            _pressAt = input.MousePosition;
            _dragging = false;
        }

        if (input.IsMouseDown(MouseButton.Left) && Layout.City.Contains(_pressAt))
        {
            _dragging |= Vector2.Distance(input.MousePosition, _pressAt) > 4;
            if (_dragging)
            {
                pan += input.MouseDelta;
            }
        }

        if (pan != Vector2.Zero)
        {
            Camera = Camera.PanByScreen(pan);
        }

        if (input.Wheel.Y != 0 && overCity)
        {
            Camera = Camera.ZoomAt(input.MousePosition, MathF.Pow(1.25f, input.Wheel.Y), FitCamera().Zoom * 0.5f, MaxZoom);
        }

        if (input.IsKeyPressed(Key.Home) && !_options.Embedded)
        {
            Camera = FitCamera();
        }

        EnsureTexture();
    }

    private void UpdatePointer(InputState input)
    {
        var mouse = input.MousePosition;
        _mouse = mouse;
        HoveredFrame = Layout.City.Contains(mouse) ? Grid.FrameAt(Camera.ScreenToWorld(mouse)) : -1;
        HoveredPage = Layout.Virtual.Contains(mouse) ? _virtual.PageAt(Layout.Virtual, mouse, _simulation.Kernel.Machine.Description.PageSize) : null;
        var overTlb = TlbBoardArea().Contains(mouse);
        if (input.IsMouseReleased(MouseButton.Left) && !_dragging)
        {
            Select(mouse);
        }

        var key = (HoveredFrame, HoveredPage?.Pid ?? (overTlb ? -1 : 0), HoveredPage?.Va ?? 0, _simulation.Ticks);
        if (key != _tooltipKey || _selectionDirty)
        {
            _tooltipKey = key;
            _tooltip = HoveredFrame >= 0 ? _inspector.DescribeFrame(HoveredFrame)
                : HoveredPage is { } page ? _inspector.DescribePage(page.Pid, page.Va)
                : overTlb ? TlbBoard.Explanation(_simulation.Kernel.Machine.Description)
                : [];
            _selectionText = SelectedFrame >= 0 ? _inspector.DescribeFrame(SelectedFrame)
                : SelectedPid != 0 ? _inspector.DescribeProcess(SelectedPid, SelectedVa)
                : [];
            RefreshSelectionBox();
            _selectionDirty = false;
        }
    }

    // The box lists the selection's entities; embedded in a level the box is not drawn, so nothing is built for it.
    private void RefreshSelectionBox()
    {
        if (_selectionText.Count == 0 || _options.Embedded)
        {
            _selectionBox.Clear();
        }
        else
        {
            var entities = _selectionEntities.LinesOf(SelectedFrame, SelectedPid, SelectedVa);
            _selectionBox.Set(_backend, Layout.City, _selectionText, entities, keepScroll: !_selectionChanged);
        }

        _selectionChanged = false;
    }

    // A click picks what is under it: a lot (and its owner), a street page (its process and VMA), a city-hall row
    // (its process); a click on empty ground clears the selection. Clicks on the HUD buttons only change speed.
    private void Select(Vector2 mouse)
    {
        if (Layout.City.Contains(mouse))
        {
            SelectedFrame = HoveredFrame;
            SelectedPid = HoveredFrame >= 0 ? _classifier.Inspect(HoveredFrame, searchSharers: false).Owner : 0;
            SelectedVa = null;
        }
        else if (Layout.Virtual.Contains(mouse))
        {
            var street = _virtual.StreetAt(Layout.Virtual, mouse);
            SelectedFrame = -1;
            SelectedPid = street;
            SelectedVa = street != 0 ? HoveredPage?.Va : null;
        }
        else if (CityHallRowAt(mouse) is { } pid)
        {
            SelectedFrame = -1;
            SelectedPid = pid;
            SelectedVa = null;
        }
        else
        {
            return;
        }

        _selectionDirty = _selectionChanged = true;
        ClickedThisFrame = (SelectedFrame, SelectedPid, SelectedVa);
    }

    private int? CityHallRowAt(Vector2 mouse)
    {
        var side = Layout.Side;
        var area = new RectF(side.X + 14, side.Y + 10, side.Width - 20, CityHallPanel.HeightFor(_simulation.Kernel.Pids.Count));
        return CityHallPanel.PidAt(area, _simulation.Kernel, mouse);
    }

    private RectF TlbBoardArea()
    {
        var side = Layout.Side;
        var y = side.Y + 10 + CityHallPanel.HeightFor(_simulation.Kernel.Pids.Count) + 6;
        return new RectF(side.X + 14, y, side.Width - 20, TlbBoard.Height);
    }

    private void EnsureTexture()
    {
        if (_texture is null && Camera.Zoom < LotDetailZoom)
        {
            _texture = new CityTextureLayer(_backend, Grid, _classifier);
        }
    }

    // Pulls what Draw shows from the simulation: recoloured texels, TLB entries, the streets.
    private void RefreshCaches(bool force)
    {
        var animations = _simulation.Animations;
        if (_texture is { } texture)
        {
            foreach (var frame in animations.ChangedFrames)
            {
                texture.Refresh(frame);
            }

            texture.Sweep(SweepBudget);
        }

        animations.DrainChangedFrames();
        var ticks = _simulation.Ticks;
        if (ticks != _objectiveTick)
        {
            // The objective says which tick the run is at: fetch it once per tick, not per frame.
            _objectiveTick = ticks;
            _objective = ScreenshotNote is { } note ? $"{note} · {_simulation.Driver.Objective}" : _simulation.Driver.Objective;
            _objective = ActionNote is { } action ? $"{action} · {_objective}" : _objective;
        }

        // At once when the run moves after a quiet spell, then at most once every few frames while it runs fast (the
        // sandbox at max speed). A level's city moves by the player's answers, which need not advance its ticks: any
        // new TLB lookup counts as movement too, so the board never shows a TLB older than the panel's.
        var mmu = _simulation.Kernel.Machine.Mmu;
        var lookups = mmu.TlbHits + mmu.TlbMisses;
        if (force || ((ticks != _lastTicks || lookups != _lastLookups) && _frames - _lastRefreshFrame >= StreetRefreshFrames))
        {
            _lastTicks = ticks;
            _lastLookups = lookups;
            _lastRefreshFrame = force ? _frames - StreetRefreshFrames : _frames; // after a forced one the next change shows at once
            _virtual.Rebuild(_simulation.Kernel, Layout.Virtual);
            _tlbEntries = _simulation.Kernel.Machine.Mmu.Tlb.Snapshot();
        }
    }

    private Camera2D FitCamera()
    {
        var city = Layout.City;
        var bounds = Grid.Bounds;
        var zoom = Math.Min((city.Width - 24) / bounds.Width, (city.Height - 24) / bounds.Height);
        zoom = Math.Min(zoom, MaxZoom);
        return new Camera2D(city.Centre, bounds.Centre, zoom);
    }
}
