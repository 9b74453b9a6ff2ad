using FsCheck;
using FsCheck.Fluent;
using VmQuest.Engine.Kernel.Reclaim;

namespace VmQuest.Tests.Engine.Kernel.Reclaim;

/// <summary>
/// The kernel's O(1)/O(log n) policies and OSTEP's list-based simulator are written independently; on
/// random reference strings they must agree on every hit and miss (the victims may differ only in OPT's
/// tie-breaking, which never changes the fault count). OPT must never fault more than any other policy.
/// </summary>
public class ReplacementPolicyPropertyTests
{
    [Fact]
    public void RandomStrings_KernelPoliciesAgreeWithListSimulator_AndOptIsALowerBound()
    {
        var input = from frames in Gen.Choose(1, 6)
                    from pages in Gen.ListOf(Gen.Choose(0, 9).Select(p => (long)p))
                    select (frames, pages: pages.ToArray());

        Prop.ForAll(input.ToArbitrary(), c =>
        {
            foreach (var (name, teaching) in new[] { ("fifo", OstepPolicy.Fifo), ("lru", OstepPolicy.Lru), ("mru", OstepPolicy.Mru), ("opt", OstepPolicy.Opt) })
            {
                var kernel = ReferenceStringReplay.Run(c.pages, c.frames, name);
                var list = OstepPolicySimulator.Run(c.pages, c.frames, teaching);
                Assert.Equal(list.Select(s => s.Hit), kernel.Outcomes.Select(o => o.Hit));
                if (name != "opt")
                {
                    Assert.Equal(list.Select(s => s.Victim), kernel.Outcomes.Select(o => o.Victim));
                }
            }

            var optimal = ReferenceStringReplay.Run(c.pages, c.frames, "opt").Faults;
            foreach (var name in ReplacementPolicies.Names)
            {
                Assert.True(optimal <= ReferenceStringReplay.Run(c.pages, c.frames, name, seed: 3).Faults, name);
            }

            Assert.True(OstepPolicySimulator.Run(c.pages, c.frames, OstepPolicy.Unopt).Count(s => !s.Hit) >= optimal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
