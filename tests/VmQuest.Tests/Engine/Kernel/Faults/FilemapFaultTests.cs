using VmQuest.Engine.Kernel.Faults;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class FilemapFaultTests
{
    [Theory]
    [InlineData(0UL, false)]
    [InlineData(0x2000UL, false)] // holds the file's last 0x800 bytes: the tail of the page is zeros
    [InlineData(0x3000UL, true)]
    [InlineData(0x10000UL, true)]
    public void IsPastEndOfFile_PagesWhollyPastTheEnd_True(ulong offset, bool expected)
    {
        var kernel = NewKernel();
        kernel.Files.Provide("data.bin", new byte[0x2800]);

        Assert.Equal(expected, FilemapFault.IsPastEndOfFile(kernel, kernel.Files.IdOf("data.bin"), offset));
    }
}
