using VmQuest.Platform;

namespace VmQuest.Tests.Game.Platform;

public sealed class FontLocatorTests
{
    [Fact]
    public void FindByName_SearchesSubfolders_InPreferenceOrder()
    {
        var root = Directory.CreateTempSubdirectory("vmquest-fonts-");
        try
        {
            var deep = Directory.CreateDirectory(Path.Combine(root.FullName, "a", "b"));
            File.WriteAllText(Path.Combine(root.FullName, "FreeSans.ttf"), "");
            File.WriteAllText(Path.Combine(deep.FullName, "DejaVuSans.ttf"), "");

            var found = FontLocator.FindByName([root.FullName, "/no/such/folder"], ["DejaVuSans.ttf", "FreeSans.ttf"]);

            Assert.Equal(Path.Combine(deep.FullName, "DejaVuSans.ttf"), found);
            Assert.Null(FontLocator.FindByName([root.FullName], ["Missing.ttf"]));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void InstalledFonts_AreFound_WhenTheDebianPackagesArePresent()
    {
        if (!File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        {
            return; // not a Debian machine with fonts-dejavu-core; FindByName covers the search itself
        }

        Assert.Equal("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", FontLocator.LatinFont);
        Assert.EndsWith("wqy-microhei.ttc", FontLocator.CjkFont, StringComparison.Ordinal);
    }
}
