using ImageMagick;
using VmQuest.Replays;

namespace VmQuest.Tests.Game.Replays;

/// <summary>The animated GIF of a solution: frames kept in order, scaled, looping, bounded.</summary>
public sealed class AnimatedGifTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vmquest-gif-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Save_ThreeFrames_AnimatedGifWithTheirColoursScaledAndLooping()
    {
        var path = Path.Combine(_dir, "solution.gif");
        using (var gif = new AnimatedGif(width: 64, TimeSpan.FromMilliseconds(100)))
        {
            foreach (uint colour in new uint[] { 0xFFD55E00, 0xFF0072B2, 0xFF009E73 })
            {
                var pixels = new uint[128 * 72];
                Array.Fill(pixels, colour);
                gif.Add(pixels, 128, 72);
            }

            gif.Save(path);
        }

        using var read = new MagickImageCollection(path);
        Assert.Equal(3, read.Count);
        Assert.All(read, frame => Assert.Equal(MagickFormat.Gif, frame.Format));
        Assert.Equal(64u, read[0].Width);
        Assert.Equal(36u, read[0].Height);
        Assert.Equal(10u, read[0].AnimationDelay);
        Assert.Equal(0u, read[0].AnimationIterations);
        read.Coalesce();
        var middle = read[1].GetPixels().GetPixel(10, 10).ToColor()!;
        Assert.InRange(middle.R, 0, 8);
        Assert.InRange(middle.G, 0x6A, 0x7A);
        Assert.InRange(middle.B, 0xAA, 0xBA);
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(240, 1)]
    [InlineData(241, 2)]
    [InlineData(100_000, 417)]
    public void Stride_LongReplay_KeepsAtMostMaxFrames(long total, int stride)
    {
        Assert.Equal(stride, AnimatedGif.Stride(total));
        Assert.True((total + stride - 1) / stride <= AnimatedGif.MaxFrames);
    }

    [Fact]
    public void Add_PastMaxFrames_Refused()
    {
        using var gif = new AnimatedGif(16, TimeSpan.FromMilliseconds(50));
        var pixels = new uint[16 * 16];
        for (int i = 0; i < AnimatedGif.MaxFrames; i++)
        {
            gif.Add(pixels, 16, 16);
        }

        Assert.Throws<InvalidOperationException>(() => gif.Add(pixels, 16, 16));
    }
}
