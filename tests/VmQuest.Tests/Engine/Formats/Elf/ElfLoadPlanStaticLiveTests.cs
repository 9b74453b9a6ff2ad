using VmQuest.Engine.Formats.Elf;
using Xunit.Abstractions;

namespace VmQuest.Tests.Engine.Formats.Elf;

/// <summary>The live comparison for static executables: ET_EXEC at fixed addresses, and a static PIE (a loader).</summary>
public sealed class ElfLoadPlanStaticLiveTests(StaticProgramsFixture fixture, ITestOutputHelper output) : IClassFixture<StaticProgramsFixture>
{
    [Fact]
    public void Create_StaticExecutable_MatchesLiveProcessMapsIncludingBss()
    {
        if (fixture.StaticExec is null)
        {
            output.WriteLine("gcc or the static C library is missing: skipped");
            return;
        }

        var elf = ElfReader.Read(fixture.StaticExec);
        Assert.Equal(ElfType.Executable, elf.Type);
        Assert.Null(elf.Interpreter);
        var plan = ElfLoadPlan.Create(elf, 0);
        Assert.Contains(plan.Mappings, m => m.IsAnonymous && m.Length > 0x10000); // 100 KB of bss spills into anonymous pages
        ElfLoadPlanLiveTests.AssertPlanMatchesLiveProcess(output, fixture.StaticExec);
    }

    [Fact]
    public void Create_StaticPie_MatchesLiveProcessMaps()
    {
        if (fixture.StaticPie is null)
        {
            output.WriteLine("gcc or the static C library is missing: skipped");
            return;
        }

        var elf = ElfReader.Read(fixture.StaticPie);
        Assert.Equal(ElfType.SharedObject, elf.Type);
        Assert.Null(elf.Interpreter);
        ElfLoadPlanLiveTests.AssertPlanMatchesLiveProcess(output, fixture.StaticPie);
    }
}
