using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats.Elf;

namespace VmQuest.Tests.Engine.Formats.Elf;

/// <summary>Random damage to real ELF files never produces anything but <see cref="ElfFormatException"/>.</summary>
public sealed class ElfReaderFuzzTests
{
    private static readonly byte[] Sleep = File.ReadAllBytes("/bin/sleep");

    /// <summary>Parses and plans like execve would; true when it either worked or failed with the typed error.</summary>
    private static bool ParsesOrFailsTyped(byte[] bytes)
    {
        try
        {
            var elf = ElfImageBuilder.Parse(bytes);
            ulong bias = LinuxX64Layout.ExecutableLoadBias(elf);
            var plan = ElfLoadPlan.Create(elf, bias);
            _ = plan.MappingsAfterRelro();
            if (elf.Interpreter is not null)
            {
                _ = LinuxX64Layout.InterpreterLoadBias(elf, LinuxX64Layout.MmapBase());
            }

            return true;
        }
        catch (ElfFormatException e)
        {
            return e.Message.StartsWith("/tmp/x: ", StringComparison.Ordinal) && !e.Message.Contains('\n', StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_RandomByteMutationsInHeaders_OnlyTypedErrors()
    {
        // Headers and the program header table live in the first ~800 bytes; mutate there (and anywhere, rarely).
        var mutation = from pos in Gen.Frequency((9, Gen.Choose(0, 1024)), (1, Gen.Choose(0, Sleep.Length - 1)))
                       from value in Gen.Frequency((3, Gen.Choose(0, 255)), (1, Gen.Elements(0, 0xFF, 0x7F, 0x80)))
                       select (pos, (byte)value);
        var gen = Gen.NonEmptyListOf(mutation).Select(m => m.ToArray());
        Prop.ForAll(gen.ToArbitrary(), muts =>
        {
            var bytes = (byte[])Sleep.Clone();
            foreach (var (pos, value) in muts)
            {
                bytes[pos] = value;
            }

            return ParsesOrFailsTyped(bytes);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Read_RandomTruncations_OnlyTypedErrors()
    {
        var gen = Gen.Frequency((3, Gen.Choose(0, 1024)), (1, Gen.Choose(0, Sleep.Length)));
        Prop.ForAll(gen.ToArbitrary(), len => ParsesOrFailsTyped(Sleep.AsSpan(0, len).ToArray()))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Read_RandomProgramHeaderFields_OnlyTypedErrors()
    {
        // Whole 64-bit fields replaced by boundary values hit the overflow paths byte flips rarely reach.
        var special = Gen.Elements(0UL, 1UL, 0xFFFUL, 0x1000UL, 0x7FFF_FFFF_F000UL, 0x8000_0000_0000_0000UL, ulong.MaxValue, ulong.MaxValue - 0xFFF);
        var edit = from entry in Gen.Choose(0, 12)
                   from field in Gen.Choose(1, 6)
                   from value in Gen.Frequency((3, special), (1, Gen.Choose(0, int.MaxValue).Select(v => (ulong)v)))
                   select (entry, field, value);
        Prop.ForAll(Gen.NonEmptyListOf(edit).Select(e => e.ToArray()).ToArbitrary(), edits =>
        {
            var bytes = (byte[])Sleep.Clone();
            foreach (var (entry, field, value) in edits)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(64 + (entry * 56) + (field * 8)), value);
            }

            return ParsesOrFailsTyped(bytes);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Read_RandomGarbage_OnlyTypedErrors()
    {
        var gen = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b =>
        {
            // Half the time keep a valid ident so the reader gets past the magic.
            if (b.Length >= 7 && b[0] % 2 == 0)
            {
                Sleep.AsSpan(0, 7).CopyTo(b);
            }

            return b;
        });
        Prop.ForAll(gen.ToArbitrary(), ParsesOrFailsTyped).Check(Config.QuickThrowOnFailure.WithMaxTest(1000).WithEndSize(300));
    }
}
