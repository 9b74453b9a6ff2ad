using System.Text;
using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Formats;
using VmQuest.Engine.Formats.Lackey;
using VmQuest.Engine.Formats.Maps;
using VmQuest.Engine.Formats.Refs;

namespace VmQuest.Tests.Engine.Formats;

/// <summary>Random damage to real text inputs never produces anything but <see cref="FormatParseException"/>.</summary>
public sealed class TextFormatFuzzTests
{
    private static readonly string SelfMaps = File.ReadAllText("/proc/self/maps");
    private static readonly string LackeySample = File.ReadAllText(Lackey.LackeyTestFiles.Sample("true.lackey"));

    private static Gen<string> Mutated(string text) => TextMutation.Mutated(text);

    private static bool OnlyTyped(Action parse) => TextMutation.OnlyTyped(parse);

    [Fact]
    public void MapsReader_MutatedProcSelfMaps_OnlyTypedErrors()
    {
        Prop.ForAll(Mutated(SelfMaps).ToArbitrary(), text => OnlyTyped(() =>
        {
            var maps = MapsReader.Parse(text, "m");
            _ = MapsClassifier.Classify(maps);
            _ = MapsWriter.Format(maps);
        })).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void MapsWriter_ParsedMutations_RoundTripStably()
    {
        // Whatever parses, formats to text that parses back to the same entries.
        Prop.ForAll(Mutated(SelfMaps).ToArbitrary(), text =>
        {
            IReadOnlyList<MapsEntry> maps;
            try
            {
                maps = MapsReader.Parse(text, "m");
            }
            catch (FormatParseException)
            {
                return true;
            }

            return MapsReader.Parse(MapsWriter.Format(maps), "m2").SequenceEqual(maps);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void LackeyReader_MutatedSample_OnlyTypedErrors()
    {
        Prop.ForAll(Mutated(LackeySample).ToArbitrary(), text => OnlyTyped(() =>
        {
            using var reader = new LackeyTraceReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t");
            while (reader.TryRead(out var a))
            {
                foreach (ulong page in a.Pages(12))
                {
                    _ = page;
                }
            }
        })).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void ReferenceStringReader_MutatedText_OnlyTypedErrors()
    {
        Prop.ForAll(Mutated("# refs\n1\n2\n0x30\n\n4 # four\n5\n").ToArbitrary(), text => OnlyTyped(() => ReferenceStringReader.Parse(text, "r")))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}
