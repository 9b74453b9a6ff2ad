using System.Numerics;

namespace VmQuest.Platform;

/// <summary>
/// The narrow drawing and input surface the game talks to — raylib's operations (frame begin/end, rects, lines,
/// triangles, text, textures, a 2D camera, input polling) so another backend can be dropped in.
/// </summary>
/// <remarks>
/// <para>A frame is: <see cref="PollInput"/> (once), update the game, then <see cref="BeginFrame"/>, draw calls,
/// optionally <see cref="ReadPixels(Span{uint})"/> / <see cref="SavePng"/>, then <see cref="EndFrame"/>, which
/// presents. Pixels can only be read between the draws and <see cref="EndFrame"/>.</para>
/// <para>Coordinates are window pixels, origin top-left, unless a camera is active
/// (<see cref="BeginCamera"/>): then positions and sizes are world units mapped through the camera. Line and
/// outline thicknesses are always screen pixels so outlines stay crisp at any zoom.</para>
/// <para>Colours blend with their alpha. Calls must come from the thread that created the backend.</para>
/// </remarks>
public interface IRenderBackend : IDisposable
{
    /// <summary>Drawable width in pixels (changes when the window is resized).</summary>
    int Width { get; }

    /// <summary>Drawable height in pixels.</summary>
    int Height { get; }

    /// <summary>The active camera, or <see cref="Camera2D.Identity"/> outside <see cref="BeginCamera"/>.</summary>
    Camera2D Camera { get; }

    /// <summary>
    /// Samples all input since the previous call into the returned state (the same instance every frame).
    /// Call exactly once per frame, before updating the game.
    /// </summary>
    InputState PollInput();

    /// <summary>Starts drawing a frame.</summary>
    void BeginFrame();

    /// <summary>Ends the frame and shows it. Any active camera is ended.</summary>
    void EndFrame();

    /// <summary>Fills the whole target with <paramref name="colour"/> (ignores the camera).</summary>
    void Clear(Colour colour);

    /// <summary>
    /// Restricts drawing to <paramref name="screenArea"/> (window pixels, camera ignored), or lifts the restriction
    /// when <c>null</c>. Reset at every <see cref="BeginFrame"/>. For panels, tooltips and boards.
    /// </summary>
    void SetClip(RectF? screenArea);

    /// <summary>Draws the following calls through <paramref name="camera"/> until <see cref="EndCamera"/>.</summary>
    void BeginCamera(Camera2D camera);

    /// <summary>Returns to screen coordinates.</summary>
    void EndCamera();

    /// <summary>Fills a rectangle. Small rects are cheap; draw big areas as textures instead.</summary>
    void FillRect(RectF rect, Colour colour);

    /// <summary>Fills many rectangles of one colour in one call (cheaper than a loop of <see cref="FillRect"/>).</summary>
    void FillRects(ReadOnlySpan<RectF> rects, Colour colour);

    /// <summary>Draws a rectangle's outline inside its bounds, <paramref name="thickness"/> screen pixels wide.</summary>
    void DrawRect(RectF rect, Colour colour, float thickness = 1f);

    /// <summary>Draws a line segment <paramref name="thickness"/> screen pixels wide.</summary>
    void DrawLine(Vector2 startPoint, Vector2 endPoint, Colour colour, float thickness = 1f);

    /// <summary>Fills triangles: every three vertices make one. The count must be a multiple of three.</summary>
    void FillTriangles(ReadOnlySpan<Vector2> vertices, Colour colour);

    /// <summary>
    /// Draws a static label with its top-left corner at <paramref name="position"/>, <paramref name="size"/>
    /// pixels tall (world units under a camera). The rendered label is cached, so drawing the same text again is
    /// one texture copy; use <see cref="DrawDynamicText"/> for text that changes every frame. Mixed English and
    /// Chinese text is supported.
    /// </summary>
    /// <remarks>
    /// Each distinct (text, pixel size, opaque colour) is one cached texture; alpha is free to vary. Under a
    /// camera the size is scaled by the zoom and rounded to whole pixels, so while zooming every step is a new
    /// texture: labels that must stay readable at any zoom are better drawn in screen space at a fixed size.
    /// </remarks>
    void DrawText(string text, Vector2 position, float size, Colour colour);

    /// <summary>
    /// Draws changing text (counters, timers) glyph by glyph from a glyph atlas: no allocation and no new texture
    /// per distinct string. Without kerning, so it can be a pixel narrower or wider than <see cref="DrawText"/>.
    /// </summary>
    void DrawDynamicText(ReadOnlySpan<char> text, Vector2 position, float size, Colour colour);

    /// <summary>The size <see cref="DrawText"/> would cover, in the units of the current coordinates.</summary>
    Vector2 MeasureText(string text, float size);

    /// <summary>
    /// Creates a texture of <paramref name="width"/> × <paramref name="height"/> pixels, initially transparent
    /// black. An <paramref name="opaque"/> texture ignores alpha when drawn (it covers what is below), which the
    /// software renderer draws several times faster: use it for big areas such as level-of-detail blocks.
    /// </summary>
    TextureId CreateTexture(int width, int height, bool opaque = false);

    /// <summary>
    /// Replaces the pixels of <paramref name="region"/> (whole texture when <c>null</c>) with
    /// <paramref name="argbPixels"/>, row by row, packed as <c>0xAARRGGBB</c> (see <see cref="Colour.ToArgb"/>).
    /// </summary>
    void UpdateTexture(TextureId texture, ReadOnlySpan<uint> argbPixels, RectI? region = null);

    /// <summary>
    /// Draws (part of) a texture stretched over <paramref name="destination"/>, sampled nearest-neighbour (so a
    /// texture of lots stays crisp when zoomed), multiplied by <paramref name="tint"/> (white when <c>null</c>).
    /// </summary>
    void DrawTexture(TextureId texture, RectF destination, RectI? source = null, Colour? tint = null);

    /// <summary>Frees a texture; the id must not be used again.</summary>
    void DestroyTexture(TextureId texture);

    /// <summary>
    /// Copies what has been drawn this frame into <paramref name="destination"/> (<see cref="Width"/> ×
    /// <see cref="Height"/> pixels, row by row, <c>0xAARRGGBB</c>). Call after drawing, before <see cref="EndFrame"/>.
    /// </summary>
    void ReadPixels(Span<uint> destination);

    /// <summary>
    /// Saves what has been drawn this frame as a PNG, atomically (a failed write leaves any previous file
    /// intact). Call after drawing, before <see cref="EndFrame"/>.
    /// </summary>
    void SavePng(string path);
}

/// <summary>A texture created by a backend. The default value is no texture.</summary>
public readonly record struct TextureId(int Value)
{
    /// <summary>False for the default (never-created) id.</summary>
    public bool IsValid => Value > 0;
}

/// <summary>An integer pixel rectangle (texture regions, readback areas).</summary>
public readonly record struct RectI(int X, int Y, int Width, int Height);
