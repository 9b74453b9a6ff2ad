namespace VmQuest.Ostep;

/// <summary>Text in English and Simplified Chinese (the game's two languages).</summary>
/// <param name="En">English.</param>
/// <param name="Zh">Simplified Chinese.</param>
public readonly record struct Words(string En, string Zh)
{
    /// <summary>The text in <paramref name="language"/> (<c>zh-Hans</c> or anything else for English).</summary>
    public string In(string language) => language == "zh-Hans" ? Zh : En;
}

/// <summary>One answer the player can choose.</summary>
/// <param name="Id">A stable name (<c>hit</c>, <c>evict:7</c>, <c>pa:0x3229</c>, <c>invalid</c>, …) for tests and the results.</param>
/// <param name="Label">What the choice says.</param>
public sealed record OstepChoice(string Id, Words Label);

/// <summary>
/// One question of a problem: what is asked, the choices (exactly one right), and why the right one is right.
/// Invariant: <see cref="Correct"/> indexes <see cref="Choices"/>; the choices' ids are distinct.
/// </summary>
/// <param name="Prompt">The question (e.g. "VA 0x3229: which physical address, or a segfault?").</param>
/// <param name="Context">Lines that show what the player needs (the page table, the memory, the pages walked).</param>
/// <param name="Choices">The answers offered.</param>
/// <param name="Correct">The index of the right answer.</param>
/// <param name="Why">The explanation of the right answer, step by step.</param>
/// <param name="Picture">The question as a small city of memory, or null.</param>
public sealed record OstepQuestionCard(Words Prompt, IReadOnlyList<Words> Context, IReadOnlyList<OstepChoice> Choices, int Correct, Words Why,
    OstepPicture? Picture = null);

/// <summary>
/// An OSTEP homework problem as a level of questions: the title and briefing, and every question with its answer,
/// computed by <see cref="Engine.Machine.Ostep.OstepSolver"/> or <see cref="Engine.Machine.Ostep.OstepPolicySolver"/>.
/// </summary>
/// <param name="Kind">linear, multilevel or policy.</param>
/// <param name="Title">The level's title.</param>
/// <param name="Briefing">What the problem is and how to answer.</param>
/// <param name="Hint">A hint for the briefing's H key.</param>
/// <param name="Questions">The questions, in the problem's order.</param>
public sealed record OstepQuiz(string Kind, Words Title, Words Briefing, Words Hint, IReadOnlyList<OstepQuestionCard> Questions);
