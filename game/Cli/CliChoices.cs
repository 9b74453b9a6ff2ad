using System.CommandLine;

namespace VmQuest.Cli;

/// <summary>
/// Restricts an option to a fixed set of words with a one-line error naming them all
/// (System.CommandLine's own check lists the choices over several lines).
/// </summary>
internal static class CliChoices
{
    public static void Restrict(Option<string> option, params string[] choices) =>
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not null && !choices.Contains(value))
            {
                result.AddError($"{option.Name} must be one of {string.Join(", ", choices)}, not '{value}'");
            }
        });
}
