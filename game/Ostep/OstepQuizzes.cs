using VmQuest.Engine.Machine.Ostep;

namespace VmQuest.Ostep;

/// <summary>Turns the text of an OSTEP homework problem (any of the three simulators) into an <see cref="OstepQuiz"/>.</summary>
public static class OstepQuizzes
{
    /// <summary>
    /// Reads <paramref name="text"/> (from <paramref name="file"/>, named in errors) as <c>vmquest ostep</c> does and
    /// builds its questions; <paramref name="seed"/> replaces a policy problem's <c>ARG seed</c>. Malformed text is an
    /// <see cref="Engine.Machine.InputFileException"/>.
    /// </summary>
    public static OstepQuiz FromText(string text, string file, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return OstepPolicyProblemReader.IsPolicyProblem(text)
            ? OstepPolicyQuiz.Build(OstepPolicyProblemReader.Read(text, file, seed))
            : OstepTranslateQuiz.Build(OstepProblemReader.Read(text, file));
    }
}
