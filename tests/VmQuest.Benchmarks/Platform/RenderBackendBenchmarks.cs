using System.Numerics;
using BenchmarkDotNet.Attributes;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Benchmarks.Platform;

/// <summary>
/// One whole frame of the SDL backend, headless, software renderer, 1280×720: 10k small rects (≤ 16 px, the
/// city's lots) plus 200 cached labels — the budget DESIGN.md §1 measured (~2.4 ms + ~0.8 ms on 2 cores).
/// Run: <c>dotnet run -c Release --project tests/VmQuest.Benchmarks -- --filter '*RenderBackend*'</c>.
/// </summary>
[MemoryDiagnoser]
public class RenderBackendBenchmarks : IDisposable
{
    private const int RectCount = 10_000, LabelCount = 200, CounterCount = 20;

    private SdlRenderBackend _backend = null!;
    private RectF[] _rects = [];
    private Colour[] _colours = [];
    private string[] _labels = [];
    private Vector2[] _labelPositions = [];
    private long _frame;
    private TextureId _opaqueTexture;
    private TextureId _blendedTexture;

    [GlobalSetup]
    public void Setup()
    {
        _backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        var random = new Random(42);
        _rects = new RectF[RectCount];
        _colours = new Colour[RectCount];
        for (var i = 0; i < RectCount; i++)
        {
            _rects[i] = new RectF(random.Next(0, 1264), random.Next(0, 704), random.Next(2, 17), random.Next(2, 17));
            _colours[i] = Palette.Roles[random.Next(Palette.Roles.Count)].Colour;
        }

        _labels = Enumerable.Range(0, LabelCount).Select(i => i % 4 == 0 ? $"进程 {i} 栈" : $"pid {i} 0x{i * 4096:x}").ToArray();
        _labelPositions = Enumerable.Range(0, LabelCount).Select(_ => new Vector2(random.Next(0, 1180), random.Next(0, 700))).ToArray();

        _opaqueTexture = _backend.CreateTexture(640, 360, opaque: true);
        _blendedTexture = _backend.CreateTexture(640, 360);
        var pixels = Enumerable.Range(0, 640 * 360).Select(i => _colours[i % RectCount].ToArgb()).ToArray();
        _backend.UpdateTexture(_opaqueTexture, pixels);
        _backend.UpdateTexture(_blendedTexture, pixels);

        // Warm the label cache and glyph atlas so the benchmark measures steady-state frames.
        Frame(rectCount: 0, labelCount: LabelCount, counters: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        _backend?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The headline number: 10k rects + 200 cached labels, presented.</summary>
    [Benchmark(Baseline = true)]
    public void TenThousandRectsAndTwoHundredLabels() => Frame(RectCount, LabelCount, counters: false);

    /// <summary>Rects only.</summary>
    [Benchmark]
    public void TenThousandRects() => Frame(RectCount, 0, counters: false);

    /// <summary>Labels only.</summary>
    [Benchmark]
    public void TwoHundredLabels() => Frame(0, LabelCount, counters: false);

    /// <summary>20 changing counters drawn from the glyph atlas (a HUD).</summary>
    [Benchmark]
    public void TwentyChangingCounters() => Frame(0, 0, counters: true);

    /// <summary>A full-window opaque texture (a level-of-detail city block), scaled 2×.</summary>
    [Benchmark]
    public void FullWindowOpaqueTexture() => TextureFrame(_opaqueTexture);

    /// <summary>The same texture alpha-blended, to show what <c>opaque: true</c> saves.</summary>
    [Benchmark]
    public void FullWindowBlendedTexture() => TextureFrame(_blendedTexture);

    private void TextureFrame(TextureId texture)
    {
        _backend.PollInput();
        _backend.BeginFrame();
        _backend.Clear(Palette.Background);
        _backend.DrawTexture(texture, new RectF(0, 0, 1280, 720));
        _backend.EndFrame();
    }

    private void Frame(int rectCount, int labelCount, bool counters)
    {
        _backend.PollInput();
        _backend.BeginFrame();
        _backend.Clear(Palette.Background);
        for (var i = 0; i < rectCount; i++)
        {
            _backend.FillRect(_rects[i], _colours[i]);
        }

        for (var i = 0; i < labelCount; i++)
        {
            _backend.DrawText(_labels[i], _labelPositions[i], 14, Palette.Text);
        }

        if (counters)
        {
            Span<char> buffer = stackalloc char[32];
            for (var i = 0; i < CounterCount; i++)
            {
                if ((_frame * 7919 + i).TryFormat(buffer, out var written, "N0", System.Globalization.CultureInfo.InvariantCulture))
                {
                    _backend.DrawDynamicText(buffer[..written], new Vector2(10 + (i % 4 * 300), 10 + (i / 4 * 24)), 16, Palette.HudText);
                }
            }
        }

        _backend.EndFrame();
        _frame++;
    }
}
