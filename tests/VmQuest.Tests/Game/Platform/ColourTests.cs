using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class ColourTests
{
    [Fact]
    public void FromHex_SixAndEightDigits_ParsesChannels()
    {
        Assert.Equal(new Colour(0xE6, 0x9F, 0x00), Colour.FromHex("#E69F00"));
        Assert.Equal(new Colour(0x12, 0x34, 0x56, 0x78), Colour.FromHex("12345678"));
    }

    [Theory]
    [InlineData("#12345")]
    [InlineData("#GG0000")]
    [InlineData("")]
    public void FromHex_Malformed_Throws(string text) => Assert.Throws<FormatException>(() => Colour.FromHex(text));

    [Fact]
    public void ToArgb_FromArgb_RoundTrip()
    {
        var colour = new Colour(1, 2, 3, 4);
        Assert.Equal(0x04010203u, colour.ToArgb());
        Assert.Equal(colour, Colour.FromArgb(colour.ToArgb()));
    }

    [Fact]
    public void ContrastRatio_BlackOnWhite_Is21()
    {
        var ratio = Colour.ContrastRatio(new Colour(0, 0, 0), new Colour(255, 255, 255));
        Assert.Equal(21.0, ratio, 3);
        Assert.Equal(1.0, Colour.ContrastRatio(Palette.Heap, Palette.Heap), 6);
    }

    [Fact]
    public void ToString_OpaqueAndTranslucent()
    {
        Assert.Equal("#0072B2", Palette.TextPages.ToString());
        Assert.Equal("#0072B280", Palette.TextPages.WithAlpha(0x80).ToString());
    }
}
