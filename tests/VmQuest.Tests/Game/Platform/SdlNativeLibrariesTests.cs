using VmQuest.Cli;
using VmQuest.Platform;
using VmQuest.Platform.Sdl;

namespace VmQuest.Tests.Game.Platform;

[Collection(SdlTestGroup.Name)]
public sealed class SdlNativeLibrariesTests
{
    [Fact]
    public void CandidatesFor_Linux_IsTheSonameFirst()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Windows and macOS use SDL2.dll / libSDL2-2.0.0.dylib
        }

        Assert.Equal("libSDL2-2.0.so.0", SdlNativeLibraries.CandidatesFor(SdlNativeLibraries.Sdl2)[0]);
        Assert.Equal("libSDL2_ttf-2.0.so.0", SdlNativeLibraries.CandidatesFor(SdlNativeLibraries.Ttf)[0]);
        Assert.Equal("libSDL2_image-2.0.so.0", SdlNativeLibraries.CandidatesFor(SdlNativeLibraries.Image)[0]);
    }

    [Fact]
    public void TryLoadAll_Installed_Succeeds_AndVersionsAreNewEnough()
    {
        Assert.True(SdlNativeLibraries.TryLoadAll(out var missing), missing);
        Assert.True(SdlNativeLibraries.TryCheckVersions(out var problem), problem);
    }

    [Fact]
    public void RenderTest_LibrariesMissing_PrintsOneLineNamingThePackages_AndExitsNonZero()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-missing-{Guid.NewGuid():N}.png");
        SdlNativeLibraries.CandidateOverride = name => name == SdlNativeLibraries.Ttf ? ["libvmquest-no-such-library.so.0"] : null;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var status = VmQuestCommandLine.Run(["render-test", "--screenshot", path], output, error);

            Assert.Equal(GraphicsCommandGuard.PlatformUnavailableExitCode, status);
            var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var line = Assert.Single(lines);
            Assert.Contains("libvmquest-no-such-library.so.0", line, StringComparison.Ordinal);
            Assert.Contains(
                "sudo apt-get install libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 fonts-dejavu-core fonts-wqy-microhei",
                line,
                StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
            Assert.False(File.Exists(path));
        }
        finally
        {
            SdlNativeLibraries.CandidateOverride = null;
        }
    }

    [Fact]
    public void Backend_LibrariesMissing_ThrowsPlatformUnavailable()
    {
        SdlNativeLibraries.CandidateOverride = _ => ["libvmquest-no-such-library.so.0"];
        try
        {
            var e = Assert.Throws<PlatformUnavailableException>(() => new SdlRenderBackend(SdlBackendOptions.HeadlessOf(64, 64)));
            Assert.Contains("apt-get install", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            SdlNativeLibraries.CandidateOverride = null;
        }
    }

    [Fact]
    public void RenderTest_Screenshot_WritesAPng()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmquest-card-{Guid.NewGuid():N}.png");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var status = VmQuestCommandLine.Run(["render-test", "--screenshot", path, "--after-ticks", "5", "--width", "640", "--height", "360"], output, error);
            Assert.True(status == 0, error.ToString());
            var header = File.ReadAllBytes(path).AsSpan(0, 8).ToArray();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RenderTest_NegativeAfterTicks_IsAnError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.NotEqual(0, VmQuestCommandLine.Run(["render-test", "--screenshot", "x.png", "--after-ticks", "-1"], output, error));
        Assert.Contains("--after-ticks", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DoesNotListTheHiddenRenderTest_AndNeedsNoWindow()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, VmQuestCommandLine.Run(["--help"], output, error));
        Assert.DoesNotContain("render-test", output.ToString(), StringComparison.Ordinal);
    }
}
