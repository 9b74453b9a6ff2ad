using VmQuest.Engine.Formats.Elf;

namespace VmQuest.Tests.Engine.Formats.Elf;

public sealed class ElfLoadPlanTests
{
    private const SegmentPermissions R = SegmentPermissions.Read;
    private const SegmentPermissions RW = SegmentPermissions.Read | SegmentPermissions.Write;
    private const SegmentPermissions RX = SegmentPermissions.Read | SegmentPermissions.Execute;
    private const ulong Base = 0x5555_5555_4000;

    [Fact]
    public void Create_TypicalPie_MapsEachSegmentPageAlignedWithBssPage()
    {
        var elf = ElfImageBuilder.Parse(ElfImageBuilder.TypicalPie().Build());
        var plan = ElfLoadPlan.Create(elf, Base);
        var got = plan.Mappings.Select(m => (m.Start - Base, m.End - Base, m.PermissionString, m.FileOffset, m.IsAnonymous)).ToList();
        Assert.Equal(
            [
                (0x0UL, 0x1000UL, "r--p", 0x0UL, false),
                (0x1000UL, 0x3000UL, "r-xp", 0x1000UL, false),
                (0x3000UL, 0x4000UL, "r--p", 0x3000UL, false),
                (0x5000UL, 0x7000UL, "rw-p", 0x4000UL, false),
                (0x7000UL, 0x8000UL, "rw-p", 0x0UL, true),
            ],
            got);
        Assert.Equal(Base + 0x65c0, plan.Mappings[3].ZeroFillStart);
        Assert.Equal(ElfMappingKind.Bss, plan.Mappings[4].Kind);
        Assert.Equal(ElfMappingKind.Text, plan.Mappings[1].Kind);
        Assert.Equal(Base + 0x8000, plan.BrkStart);
        Assert.Equal(Base + 0x1000, plan.Entry);
        Assert.Equal(Base + 0x1000, plan.StartCode);
        Assert.Equal(Base + 0x2759, plan.EndCode);
        Assert.Equal(Base + 0x52b0, plan.StartData);
        Assert.Equal(Base + 0x65c0, plan.EndData);
        Assert.Equal(Base + 0x40, plan.ProgramHeaderAddress);
    }

    [Fact]
    public void Create_MemszEqualsFilesz_HasNoAnonymousPartAndNoZeroFill()
    {
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder().Load(0, 0, 0x1800, 0x1800, RW).Build());
        var m = Assert.Single(ElfLoadPlan.Create(elf, Base).Mappings);
        Assert.Equal((Base, Base + 0x2000, false, Base + 0x2000), (m.Start, m.End, m.IsAnonymous, m.ZeroFillStart));
    }

    [Fact]
    public void Create_BssWithinLastFilePage_OnlyZeroFillsTheTail()
    {
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder().Load(0x1d10, 0x1d10, 0x4f0, 0x6b0, RW).Build());
        var m = Assert.Single(ElfLoadPlan.Create(elf, Base).Mappings);
        Assert.Equal((Base + 0x1000, Base + 0x3000, 0x1000UL, Base + 0x2200), (m.Start, m.End, m.FileOffset, m.ZeroFillStart));
    }

    [Fact]
    public void Create_FileszZero_MapsOnlyAnonymousPages()
    {
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder()
            .Load(0, 0, 0x100, 0x100, RX)
            .Load(0x10, 0x3010, 0, 0x2000, RW).Build());
        var plan = ElfLoadPlan.Create(elf, Base);
        Assert.Equal(2, plan.Mappings.Count);
        var bss = plan.Mappings[1];
        Assert.Equal((Base + 0x3000, Base + 0x6000, true, "rw-p"), (bss.Start, bss.End, bss.IsAnonymous, bss.PermissionString));
    }

    [Fact]
    public void Create_FileszZeroWithAnyOffset_IsAcceptedAsLinuxDoes()
    {
        // No file bytes: never mmap'd from the file, so neither the offset nor its alignment matters.
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder()
            .Load(0, 0, 0x100, 0x100, RX)
            .Load(0xFFFF_FFFF_0123, 0x3000, 0, 0x1000, RW).Build());
        var bss = ElfLoadPlan.Create(elf, Base).Mappings[1];
        Assert.Equal((Base + 0x3000, Base + 0x4000, true), (bss.Start, bss.End, bss.IsAnonymous));
    }

    [Fact]
    public void Create_ExecutableBss_KeepsExecutePermission()
    {
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder().Load(0, 0, 0x100, 0x3000, RX).Build());
        var plan = ElfLoadPlan.Create(elf, Base);
        Assert.Equal("rwxp", plan.Mappings[1].PermissionString);
    }

    [Fact]
    public void Create_SegmentsSharingAPage_LaterSegmentWins()
    {
        // Old-style layout: text ends mid-page and data starts in the same page (MAP_FIXED replaces it).
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder()
            .Load(0, 0, 0x1800, 0x1800, RX)
            .Load(0x1800, 0x1800, 0x100, 0x100, RW).Build());
        var plan = ElfLoadPlan.Create(elf, Base);
        Assert.Equal(
            [(Base, Base + 0x1000, "r-xp", 0x0UL), (Base + 0x1000, Base + 0x2000, "rw-p", 0x1000UL)],
            plan.Mappings.Select(m => (m.Start, m.End, m.PermissionString, m.FileOffset)).ToList());
    }

    [Fact]
    public void Create_EmptySegment_IsSkipped()
    {
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder()
            .Load(0, 0, 0x100, 0x100, RX)
            .Load(0, 0x5000, 0, 0, RW).Build());
        Assert.Single(ElfLoadPlan.Create(elf, Base).Mappings);
    }

    [Fact]
    public void Create_OffsetNotCongruentModPage_ThrowsElfFormatException()
    {
        // p_align 1 lets the reader accept it; mmap could not map it at a 4 KiB page size.
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder().Load(0x10, 0x1000, 0x10, 0x10, R, align: 1).Build());
        var e = Assert.Throws<ElfFormatException>(() => ElfLoadPlan.Create(elf, Base));
        Assert.Equal("/tmp/x: PT_LOAD in program header 0: p_offset 0x10 and p_vaddr 0x1000 differ modulo the page size 0x1000 (expected them congruent, as mmap needs)", e.Message);
    }

    [Fact]
    public void Create_SegmentAboveUserSpace_ThrowsElfFormatException()
    {
        var elf = ElfImageBuilder.Parse(new ElfImageBuilder().Load(0, 0x7FFF_FFFF_F000, 0x10, 0x2000, R).Build());
        var e = Assert.Throws<ElfFormatException>(() => ElfLoadPlan.Create(elf, Base));
        Assert.Contains("ends above user space", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_EtExecWithBias_ThrowsArgumentException()
    {
        var b = new ElfImageBuilder { Type = ElfType.Executable }.Load(0, 0x400000, 0x10, 0x10, RX);
        var elf = ElfImageBuilder.Parse(b.Build());
        Assert.Throws<ArgumentException>(() => ElfLoadPlan.Create(elf, Base));
        Assert.Equal(0x400000UL, ElfLoadPlan.Create(elf, LinuxX64Layout.ExecutableLoadBias(elf)).Mappings[0].Start);
    }

    [Fact]
    public void MappingsAfterRelro_RelroRange_SplitsAndDropsWrite()
    {
        var b = new ElfImageBuilder()
            .Load(0, 0, 0x100, 0x100, R)
            .Load(0x1d10, 0x1d10, 0x2000, 0x2000, RW)
            .Header(new ElfProgramHeader(ProgramHeaderType.GnuRelro, R, 0x1d10, 0x1d10, 0x1d10, 0x12f0, 0x12f0, 1));
        var plan = ElfLoadPlan.Create(ElfImageBuilder.Parse(b.Build()), Base);
        Assert.Equal((Base + 0x1000, Base + 0x3000), plan.RelroPages);
        var after = plan.MappingsAfterRelro().Select(m => (m.Start - Base, m.End - Base, m.PermissionString, m.FileOffset)).ToList();
        Assert.Equal(
            [(0x0UL, 0x1000UL, "r--p", 0x0UL), (0x1000UL, 0x3000UL, "r--p", 0x1000UL), (0x3000UL, 0x4000UL, "rw-p", 0x3000UL)],
            after);
    }

    [Fact]
    public void LinuxX64Layout_Constants_MatchLinuxWithAslrOff()
    {
        Assert.Equal(0x5555_5555_4AAAUL, LinuxX64Layout.ElfEtDynBase);
        Assert.Equal(0x7FFF_F7FF_F000UL, LinuxX64Layout.MmapBase());
        var pie = ElfImageBuilder.Parse(ElfImageBuilder.TypicalPie().Build());
        Assert.Equal(Base, LinuxX64Layout.ExecutableLoadBias(pie));
    }

    [Fact]
    public void InterpreterLoadBias_RealLdSo_EndsAtMmapBase()
    {
        var sleep = ElfReader.Read("/bin/sleep");
        var ld = ElfReader.Read(sleep.Interpreter!);
        ulong bias = LinuxX64Layout.InterpreterLoadBias(ld, LinuxX64Layout.MmapBase());
        var plan = ElfLoadPlan.Create(ld, bias);
        Assert.Equal(LinuxX64Layout.MmapBase(), plan.Mappings[^1].End);
        Assert.Equal(0UL, bias % LinuxX64Layout.PageSize);
    }

    [Fact]
    public void Create_LargeAlignPie_AlignsBiasDown()
    {
        var b = new ElfImageBuilder { Interpreter = "/lib/ld.so" }.Load(0, 0, 0x100, 0x100, RX, align: 0x200000);
        var elf = ElfImageBuilder.Parse(b.Build());
        Assert.Equal(0x5555_5540_0000UL, LinuxX64Layout.ExecutableLoadBias(elf));
    }
}
