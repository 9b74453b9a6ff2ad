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

    private SdlRenderBackend backend = null!;
    private RectF[] rects = [];
    private Colour[] colours = [];
    private string[] labels = [];
    private Vector2[] labelPositions = [];
    private long frame;
    private TextureId opaqueTexture;
    private TextureId blendedTexture;

    [GlobalSetup]
    public void Setup()
    {
        backend = new SdlRenderBackend(SdlBackendOptions.HeadlessOf(1280, 720));
        var random = new Random(42);
        rects = new RectF[RectCount];
        colours = new Colour[RectCount];
        for (var i = 0; i < RectCount; i++)
        {
            rects[i] = new RectF(random.Next(0, 1264), random.Next(0, 704), random.Next(2, 17), random.Next(2, 17));
            colours[i] = Palette.Roles[random.Next(Palette.Roles.Count)].Colour;
        }

        labels = Enumerable.Range(0, LabelCount).Select(i => i % 4 == 0 ? $"进程 {i} 栈" : $"pid {i} 0x{i * 4096:x}").ToArray();
        labelPositions = Enumerable.Range(0, LabelCount).Select(_ => new Vector2(random.Next(0, 1180), random.Next(0, 700))).ToArray();

        opaqueTexture = backend.CreateTexture(640, 360, opaque: true);
        blendedTexture = backend.CreateTexture(640, 360);
        var pixels = Enumerable.Range(0, 640 * 360).Select(i => colours[i % RectCount].ToArgb()).ToArray();
        backend.UpdateTexture(opaqueTexture, pixels);
        backend.UpdateTexture(blendedTexture, pixels);

        // Warm the label cache and glyph atlas so the benchmark measures steady-state frames.
        Frame(rectCount: 0, labelCount: LabelCount, counters: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        backend?.Dispose();
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
    public void FullWindowOpaqueTexture() => TextureFrame(opaqueTexture);

    /// <summary>The same texture alpha-blended, to show what <c>opaque: true</c> saves.</summary>
    [Benchmark]
    public void FullWindowBlendedTexture() => TextureFrame(blendedTexture);

    private void TextureFrame(TextureId texture)
    {
        backend.PollInput();
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        backend.DrawTexture(texture, new RectF(0, 0, 1280, 720));
        backend.EndFrame();
    }

    private void Frame(int rectCount, int labelCount, bool counters)
    {
        backend.PollInput();
        backend.BeginFrame();
        backend.Clear(Palette.Background);
        for (var i = 0; i < rectCount; i++)
        {
            backend.FillRect(rects[i], colours[i]);
        }

        for (var i = 0; i < labelCount; i++)
        {
            backend.DrawText(labels[i], labelPositions[i], 14, Palette.Text);
        }

        if (counters)
        {
            Span<char> buffer = stackalloc char[32];
            for (var i = 0; i < CounterCount; i++)
            {
                if ((frame * 7919 + i).TryFormat(buffer, out var written, "N0", System.Globalization.CultureInfo.InvariantCulture))
                {
                    backend.DrawDynamicText(buffer[..written], new Vector2(10 + (i % 4 * 300), 10 + (i / 4 * 24)), 16, Palette.HudText);
                }
            }
        }

        backend.EndFrame();
        frame++;
    }
}
