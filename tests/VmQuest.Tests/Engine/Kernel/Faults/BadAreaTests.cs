using VmQuest.Engine.Kernel.Faults;
using VmQuest.Engine.Kernel.Mm;
using VmQuest.Engine.Machine.Walk;
using static VmQuest.Tests.Engine.Kernel.KernelFixtures;

namespace VmQuest.Tests.Engine.Kernel.Faults;

public class BadAreaTests
{
    [Theory]
    [InlineData(VmaPermissions.Read, AccessKind.Write, FaultOutcome.SegvWriteProtected)]
    [InlineData(VmaPermissions.ReadWrite, AccessKind.Execute, FaultOutcome.SegvNoExecute)]
    [InlineData(VmaPermissions.None, AccessKind.Read, FaultOutcome.SegvNoRead)]
    public void AccessError_AccessTheVmaForbids_SegvSayingWhy(VmaPermissions permissions, AccessKind access, FaultOutcome expected) =>
        Assert.Equal(expected, BadArea.AccessError(permissions, access));

    [Theory]
    [InlineData(VmaPermissions.Read, AccessKind.Read)]
    [InlineData(VmaPermissions.ReadWrite, AccessKind.Write)]
    [InlineData(VmaPermissions.ReadExecute, AccessKind.Execute)]
    public void AccessError_AccessTheVmaAllows_Null(VmaPermissions permissions, AccessKind access) =>
        Assert.Null(BadArea.AccessError(permissions, access));

    [Fact]
    public void InKernelSpace_FromTaskSizeUp_TrueBelowFalse()
    {
        var kernel = NewKernel();

        Assert.True(BadArea.InKernelSpace(kernel, kernel.TaskSize));
        Assert.False(BadArea.InKernelSpace(kernel, kernel.TaskSize - 1));
    }
}
