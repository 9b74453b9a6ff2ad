namespace VmQuest.Records;

/// <summary>The checks on names and texts the store keeps, so nothing unprintable reaches a terminal from the records.</summary>
internal static class RecordNames
{
    public static void ValidateText(string? text, string what, int maxLength = 200)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        if (text.Length == 0 || text.Length > maxLength)
        {
            throw new ArgumentException($"{what} must be 1 to {maxLength} characters, not {text.Length}", what);
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"{what} may not contain control characters", what);
            }
        }
    }

    public static void ValidateMetricName(string? name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 64)
        {
            throw new ArgumentException($"a metric name is 1 to 64 characters, not {name.Length}", nameof(name));
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new ArgumentException($"metric name '{name}' may hold only letters, digits, '_' and '-'", nameof(name));
            }
        }
    }
}
