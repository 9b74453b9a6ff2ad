using System.Numerics;
using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

/// <summary>
/// An <see cref="IRenderBackend"/> with no window that records each call as a line of text and replays queued
/// input: for testing frame order and draw code without SDL.
/// </summary>
internal sealed class RecordingRenderBackend : IRenderBackend
{
    private readonly Queue<Action<InputState>> _pendingInput = new();
    private int _nextTexture;

    public List<string> Calls { get; } = [];

    public InputState Input { get; } = new();

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 720;

    public Camera2D Camera { get; private set; } = Camera2D.Identity;

    /// <summary>Queues input to appear in a later frame (one action per frame).</summary>
    public void QueueInput(Action<InputState> input) => _pendingInput.Enqueue(input);

    public InputState PollInput()
    {
        Input.BeginFrame();
        if (_pendingInput.TryDequeue(out var apply))
        {
            apply(Input);
        }

        Calls.Add("PollInput");
        return Input;
    }

    public void BeginFrame() => Calls.Add("BeginFrame");

    public void EndFrame()
    {
        Camera = Camera2D.Identity;
        Calls.Add("EndFrame");
    }

    public void Clear(Colour colour) => Calls.Add($"Clear {colour}");

    public void SetClip(RectF? screenArea) => Calls.Add($"SetClip {screenArea}");

    public void BeginCamera(Camera2D camera)
    {
        Camera = camera;
        Calls.Add("BeginCamera");
    }

    public void EndCamera()
    {
        Camera = Camera2D.Identity;
        Calls.Add("EndCamera");
    }

    public void FillRect(RectF rect, Colour colour) => Calls.Add($"FillRect {rect} {colour}");

    public void FillRects(ReadOnlySpan<RectF> rects, Colour colour) => Calls.Add($"FillRects {rects.Length} {colour}");

    public void DrawRect(RectF rect, Colour colour, float thickness = 1) => Calls.Add($"DrawRect {rect} {colour}");

    public void DrawLine(Vector2 startPoint, Vector2 endPoint, Colour colour, float thickness = 1) =>
        Calls.Add($"DrawLine {startPoint} {endPoint} {colour}");

    public void FillTriangles(ReadOnlySpan<Vector2> vertices, Colour colour) => Calls.Add($"FillTriangles {vertices.Length / 3} {colour}");

    public void DrawText(string text, Vector2 position, float size, Colour colour) => Calls.Add($"DrawText {text}");

    public void DrawDynamicText(ReadOnlySpan<char> text, Vector2 position, float size, Colour colour) =>
        Calls.Add($"DrawDynamicText {text}");

    public Vector2 MeasureText(string text, float size) => new(text.Length * size / 2, size);

    public TextureId CreateTexture(int width, int height, bool opaque = false)
    {
        Calls.Add($"CreateTexture {width}x{height}");
        return new TextureId(++_nextTexture);
    }

    public void UpdateTexture(TextureId texture, ReadOnlySpan<uint> argbPixels, RectI? region = null) =>
        Calls.Add($"UpdateTexture {texture.Value}");

    public void DrawTexture(TextureId texture, RectF destination, RectI? source = null, Colour? tint = null) =>
        Calls.Add($"DrawTexture {texture.Value}");

    public void DestroyTexture(TextureId texture) => Calls.Add($"DestroyTexture {texture.Value}");

    public void ReadPixels(Span<uint> destination) => Calls.Add("ReadPixels");

    public void SavePng(string path) => Calls.Add($"SavePng {path}");

    public void Dispose()
    {
    }
}
