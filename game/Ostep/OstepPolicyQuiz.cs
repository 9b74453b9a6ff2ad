using System.Globalization;
using VmQuest.Engine.Kernel.Reclaim;
using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Ostep;

/// <summary>
/// A <c>paging-policy.py</c> problem as questions: one per reference, "hit, or miss and which page is evicted?".
/// The choices are a hit, and a miss with each page in memory as the victim (or with none while memory has room), so
/// every possible answer is offered. RAND and CLOCK show the generator's draws, which decide their victims.
/// </summary>
public static class OstepPolicyQuiz
{
    /// <summary>Builds the quiz of <paramref name="problem"/>.</summary>
    public static OstepQuiz Build(OstepPolicyProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var steps = OstepPolicySolver.Solve(problem);
        var policy = OstepPolicySolver.PolicyOf(problem);
        var questions = new List<OstepQuestionCard>(steps.Count);
        IReadOnlyList<long> before = [];
        for (int t = 0; t < steps.Count; t++)
        {
            questions.Add(Question(problem, policy, steps, t, before));
            before = steps[t].Memory;
        }

        var title = new Words($"OSTEP paging-policy.py: {problem.Policy}, {problem.CacheSize} pages", $"OSTEP paging-policy.py：{problem.Policy}，{problem.CacheSize} 页");
        var briefing = new Words(
            $"Memory holds {problem.CacheSize} pages, kept as the homework's list (new pages join at the right). For each of the {steps.Count} references, "
            + $"say whether it hits, and on a miss with memory full, which page {problem.Policy} evicts. The game checks every answer and explains it.",
            $"内存可容纳 {problem.CacheSize} 页，按作业中的列表保存（新页加在右端）。对 {steps.Count} 次访问中的每一次，判断是否命中；"
            + $"若未命中且内存已满，判断 {problem.Policy} 会换出哪一页。游戏会检查每个答案并给出解释。");
        return new OstepQuiz("policy", title, briefing, Hint(policy), questions);
    }

    private static OstepQuestionCard Question(OstepPolicyProblem problem, OstepPolicy policy, IReadOnlyList<OstepPolicyStep> steps, int t, IReadOnlyList<long> before)
    {
        var c = CultureInfo.InvariantCulture;
        var step = steps[t];
        var choices = new List<OstepChoice> { new("hit", new Words("Hit", "命中")) };
        if (before.Count < problem.CacheSize)
        {
            choices.Add(new OstepChoice("miss", new Words("Miss (memory has room: nothing evicted)", "未命中（内存未满：不换出）")));
        }
        else
        {
            choices.AddRange(before.Select(p => new OstepChoice("evict:" + p.ToString(c), new Words($"Miss, evict page {p}", $"未命中，换出第 {p} 页"))));
        }

        var correctId = step.Hit ? "hit" : step.Victim is { } v ? "evict:" + v.ToString(c) : "miss";
        var reference = string.Join(" ", steps.Select((s, i) => i == t ? $"[{s.Page}]" : s.Page.ToString(c)));
        var memory = "[" + string.Join(", ", before) + "]";
        var context = new List<Words>
        {
            new($"References: {reference}", $"访问序列：{reference}"),
            new($"Memory before (left → right): {memory}", $"访问前的内存（左 → 右）：{memory}"),
        };
        if (policy == OstepPolicy.Clock && t > 0 && steps[t - 1].Counters.Count > 0)
        {
            var counters = string.Join(", ", before.Zip(steps[t - 1].Counters, (p, n) => $"{p}:{n}"));
            context.Add(new Words($"Reference counters (page:count, at most {problem.ClockBits}): {counters}", $"引用计数（页:计数，最多 {problem.ClockBits}）：{counters}"));
        }

        // The generator's coming draws (those of the next eviction, this one's if this access evicts): shown whatever
        // this access does, so they do not give away whether it hits.
        var next = steps.Skip(t).FirstOrDefault(s => s.Draws.Count > 0);
        if (policy is OstepPolicy.Rand or OstepPolicy.Clock && next is not null && before.Count == problem.CacheSize)
        {
            var draws = string.Join(", ", next.Draws);
            context.Add(new Words($"The seeded generator's next draws, int(random() × {problem.CacheSize}) each: {draws}",
                $"种子生成器接下来的抽取（每次 int(random() × {problem.CacheSize})）：{draws}"));
        }

        var prompt = new Words($"Reference {t + 1} of {steps.Count}: page {step.Page}. Hit, or miss and which victim?",
            $"第 {t + 1}/{steps.Count} 次访问：第 {step.Page} 页。命中，还是未命中并换出哪一页？");
        return new OstepQuestionCard(prompt, context, choices, choices.FindIndex(x => x.Id == correctId), Why(problem, policy, step, before),
            OstepPictures.Policy(problem, steps, t, before));
    }

    private static Words Why(OstepPolicyProblem problem, OstepPolicy policy, OstepPolicyStep step, IReadOnlyList<long> before)
    {
        if (step.Hit)
        {
            var moved = policy is OstepPolicy.Lru or OstepPolicy.Mru;
            return new Words($"Page {step.Page} is already in memory: a hit." + (moved ? " It moves to the right (most recently used) end." : ""),
                $"第 {step.Page} 页已在内存中：命中。" + (moved ? "它移到右端（最近使用）。" : ""));
        }

        if (step.Victim is not { } victim)
        {
            return new Words($"Page {step.Page} is not in memory, and memory holds {before.Count} of {problem.CacheSize} pages: a miss, and it joins at the right with nothing evicted.",
                $"第 {step.Page} 页不在内存中，内存只有 {before.Count}/{problem.CacheSize} 页：未命中，它加在右端，不换出任何页。");
        }

        var (en, zh) = policy switch
        {
            OstepPolicy.Fifo => ($"FIFO evicts the page that came in first, the leftmost: {victim}.", $"FIFO 换出最先进入的页，即最左边的 {victim}。"),
            OstepPolicy.Lru => ($"LRU evicts the least recently used page, the leftmost: {victim}.", $"LRU 换出最久未使用的页，即最左边的 {victim}。"),
            OstepPolicy.Mru => ($"MRU evicts the most recently used page, the rightmost: {victim}.", $"MRU 换出最近使用的页，即最右边的 {victim}。"),
            OstepPolicy.Opt => ($"OPT evicts the page whose next use is furthest away (or never; among equals the rightmost): {victim}.",
                $"OPT 换出下次使用最远（或不再使用；相同时取最右边）的页：{victim}。"),
            OstepPolicy.Unopt => ($"UNOPT evicts the page needed soonest (among equals the leftmost): {victim}.", $"UNOPT 换出最快会再用到的页（相同时取最左边）：{victim}。"),
            OstepPolicy.Rand => ($"RAND evicts memory[{step.Draws[0]}], the index its seeded draw int(random() × {before.Count}) gives: {victim}.",
                $"RAND 换出 memory[{step.Draws[0]}]，即种子抽取 int(random() × {before.Count}) 给出的下标：{victim}。"),
            _ => ($"CLOCK's hand is a random draw: each page drawn with a non-zero counter loses one and is passed over; the first drawn at 0 ({string.Join(", ", step.Draws.Select(i => before[i]))}) is evicted: {victim}.",
                $"CLOCK 的指针是随机抽取：抽到计数非零的页减一并跳过；第一个抽到计数为 0 的页（{string.Join(", ", step.Draws.Select(i => before[i]))}）被换出：{victim}。"),
        };
        return new Words($"Page {step.Page} is not in memory and memory is full: a miss. " + en, $"第 {step.Page} 页不在内存中且内存已满：未命中。" + zh);
    }

    private static Words Hint(OstepPolicy policy) => policy switch
    {
        OstepPolicy.Opt => new Words("Look ahead in the reference string: which page in memory is needed last, or never?", "向后看访问序列：内存中哪一页最晚才会用到，或不再用到？"),
        OstepPolicy.Rand or OstepPolicy.Clock => new Words("The victims come from Python's seeded generator: the question shows its draws; a draw i names memory[i].",
            "换出页来自 Python 的种子生成器：题目会显示它的抽取值；抽到 i 就是 memory[i]。"),
        OstepPolicy.Mru => new Words("A hit moves the page to the right end; MRU evicts from the right end.", "命中会把页移到右端；MRU 从右端换出。"),
        OstepPolicy.Unopt => new Words("Look ahead: UNOPT throws out the page that is needed soonest.", "向后看：UNOPT 换出最快会用到的页。"),
        _ => new Words("Keep the memory list as the homework does: the left end is the next to go.", "像作业那样维护内存列表：左端的页最先被换出。"),
    };
}
