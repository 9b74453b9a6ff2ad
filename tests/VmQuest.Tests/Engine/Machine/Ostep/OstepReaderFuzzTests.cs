using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Machine.Ostep;
using VmQuest.Tests.Engine.Formats;

namespace VmQuest.Tests.Engine.Machine.Ostep;

/// <summary>Damaged OSTEP homework output is answered or refused with one typed line, never another exception.</summary>
public sealed class OstepReaderFuzzTests
{
    public static TheoryData<string> Problems() => new(OstepSamples.Linear, OstepSamples.LinearVerbose, OstepSamples.Multilevel());

    [Theory]
    [MemberData(nameof(Problems))]
    public void ReadAndSolve_MutatedTranslationProblem_OnlyTypedErrors(string problem)
    {
        Prop.ForAll(TextMutation.Mutated(problem).ToArbitrary(), text => TextMutation.OnlyTyped(() =>
        {
            if (OstepPolicyProblemReader.IsPolicyProblem(text))
            {
                _ = OstepPolicyProblemReader.Read(text, "p.txt");
            }
            else
            {
                _ = OstepSolver.Solve(OstepProblemReader.Read(text, "p.txt"));
            }
        })).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Read_MutatedPolicyProblem_OnlyTypedErrors()
    {
        Prop.ForAll(TextMutation.Mutated(OstepPolicySamples.Generated("LRU", 3)).ToArbitrary(),
            text => TextMutation.OnlyTyped(() => OstepPolicyProblemReader.Read(text, "q.txt")))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
