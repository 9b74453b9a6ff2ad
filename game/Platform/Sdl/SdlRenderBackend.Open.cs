namespace VmQuest.Platform.Sdl;

/// <summary>Opening and closing SDL, the window and the renderer.</summary>
public sealed unsafe partial class SdlRenderBackend
{
    private void Open(SdlBackendOptions options)
    {
        if (options.Headless)
        {
            // Override, not a normal hint: a user's SDL_VIDEODRIVER must not turn a screenshot into a window.
            Sdl2.SetHintWithPriority("SDL_VIDEODRIVER", "offscreen", Sdl2.HintOverride);
            Sdl2.SetHintWithPriority("SDL_NO_SIGNAL_HANDLERS", "1", Sdl2.HintOverride); // Ctrl+C must still kill it
        }
        else
        {
            if (DisplayCheck.ReasonBeforeInit(Environment.GetEnvironmentVariable, options.VideoDriver) is { } reason)
            {
                throw new PlatformUnavailableException(reason);
            }

            // A normal-priority hint yields to the user's SDL_VIDEODRIVER; an explicit option overrides it.
            var driver = options.VideoDriver ?? DisplayCheck.PreferredDriver(Environment.GetEnvironmentVariable) ?? "";
            Sdl2.SetHintWithPriority("SDL_VIDEODRIVER", driver, options.VideoDriver is null ? Sdl2.HintNormal : Sdl2.HintOverride);
            Sdl2.SetHintWithPriority("SDL_NO_SIGNAL_HANDLERS", "0", Sdl2.HintNormal); // Ctrl+C arrives as a close request
        }

        if (options.SoftwareRenderer)
        {
            // DESIGN.md §1: the software renderer gains ~4.5 ms a frame without framebuffer acceleration, and
            // naming a render driver disables batching unless batching is asked for explicitly.
            Sdl2.SetHintWithPriority("SDL_FRAMEBUFFER_ACCELERATION", "0", Sdl2.HintOverride);
            Sdl2.SetHintWithPriority("SDL_RENDER_DRIVER", "software", Sdl2.HintOverride);
        }

        Sdl2.SetHintWithPriority("SDL_RENDER_BATCHING", "1", Sdl2.HintOverride);
        Sdl2.SetHintWithPriority("SDL_MOUSE_FOCUS_CLICKTHROUGH", "1", Sdl2.HintNormal); // first click is not swallowed

        if (Sdl2.Init(SdlConstants.InitVideo | SdlConstants.InitEvents) != 0)
        {
            var error = Sdl2.LastError();
            throw new PlatformUnavailableException(options.Headless
                ? $"vmquest: cannot start SDL's offscreen video driver: {error}"
                : DisplayCheck.NoDisplayMessage(error));
        }

        if (!options.Headless && !DisplayCheck.IsVisible(Sdl2.CurrentVideoDriver()))
        {
            // SDL fell back to drawing into memory: a window nobody can see would run until killed.
            throw new PlatformUnavailableException(DisplayCheck.NoDisplayMessage(
                $"SDL found no display and fell back to its '{Sdl2.CurrentVideoDriver()}' driver"));
        }

        if (Sdl2Ttf.Init() != 0)
        {
            throw new PlatformUnavailableException($"vmquest: cannot start SDL_ttf: {Sdl2.LastError()}");
        }

        var flags = SdlConstants.WindowShown | (options.Resizable && !options.Headless ? SdlConstants.WindowResizable : 0);
        _window = Sdl2.CreateWindow(
            options.Title, SdlConstants.WindowPosCentered, SdlConstants.WindowPosCentered, options.Width, options.Height, flags);
        if (_window == IntPtr.Zero)
        {
            throw new PlatformUnavailableException($"vmquest: cannot create a {options.Width}x{options.Height} window: {Sdl2.LastError()}");
        }

        var rendererFlags = options.SoftwareRenderer ? SdlConstants.RendererSoftware : SdlConstants.RendererAccelerated;
        _renderer = Sdl2.CreateRenderer(_window, -1, rendererFlags);
        if (_renderer == IntPtr.Zero && !options.SoftwareRenderer)
        {
            _renderer = Sdl2.CreateRenderer(_window, -1, SdlConstants.RendererSoftware);
        }

        if (_renderer == IntPtr.Zero)
        {
            throw new PlatformUnavailableException($"vmquest: cannot create a renderer: {Sdl2.LastError()}");
        }

        _ = Sdl2.SetRenderDrawBlendMode(_renderer, SdlConstants.BlendModeBlend);
        _ = Sdl2.SetRenderDrawColor(_renderer, 0, 0, 0, 0);
        if (!options.Headless)
        {
            Sdl2.StartTextInput();
        }

        RefreshSize();
    }

    private void CloseSdl()
    {
        if (_renderer != IntPtr.Zero)
        {
            Sdl2.DestroyRenderer(_renderer);
            _renderer = IntPtr.Zero;
        }

        if (_window != IntPtr.Zero)
        {
            Sdl2.DestroyWindow(_window);
            _window = IntPtr.Zero;
        }

        Sdl2Ttf.Quit();
        Sdl2.Quit();
    }
}
