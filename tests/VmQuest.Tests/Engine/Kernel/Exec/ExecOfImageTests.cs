using VmQuest.Engine.Formats.Elf;
using VmQuest.Engine.Kernel.Exec;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Tests.Game.Play;

namespace VmQuest.Tests.Engine.Kernel.Exec;

/// <summary>execve of an image read elsewhere (a level's own bytes) builds what execve of the file's path builds.</summary>
public class ExecOfImageTests
{
    private static readonly string Greet = Path.Combine(ShippedLevels.Directory, "elf-layout", "greet.elf");

    [Fact]
    public void Exec_ImageFromBytesUnderAnotherName_MapsWhatExecOfThePathMaps()
    {
        var byPath = KernelFixtures.NewKernel(64UL << 20);
        var pathPid = byPath.CreateProcess("greet");
        byPath.Exec(pathPid, Greet, ["greet"], []);

        var byImage = KernelFixtures.NewKernel(64UL << 20);
        var imagePid = byImage.CreateProcess("greet");
        var elf = ElfReader.Read(new MemoryStream(File.ReadAllBytes(Greet)), "greet.elf");
        var plan = ElfLoadPlan.Create(elf, LinuxX64Layout.ExecutableLoadBias(elf));
        var result = byImage.Exec(imagePid, new ExecImage("greet.elf", plan, null, null, LinuxX64Layout.BrkStart(plan)), ["greet"], []);

        static IEnumerable<(ulong, ulong, VmaPermissions, VmaKind, ulong)> Shape(MemoryDescriptor mm) =>
            mm.Vmas.Areas.Select(a => (a.Start, a.End, a.Permissions, a.Kind, a.FileOffset));
        Assert.Equal(Shape(byPath.MmOf(pathPid)), Shape(byImage.MmOf(imagePid)));
        Assert.Equal(0x401000UL, result.Entry);
        Assert.Equal("greet.elf", byImage.MmOf(imagePid).Vmas.Areas[0].Path);
    }
}
