namespace VmQuest.Replays;

/// <summary>A word of a line and the 1-based column it starts at (for error messages).</summary>
internal readonly record struct Word(string Text, int Column);

/// <summary>Splits a line at spaces and tabs, keeping each word's column.</summary>
internal static class Words
{
    public static List<Word> Split(string line)
    {
        var words = new List<Word>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            int start = i;
            while (i < line.Length && line[i] is not (' ' or '\t'))
            {
                i++;
            }

            if (i > start)
            {
                words.Add(new Word(line[start..i], start + 1));
            }
        }

        return words;
    }
}
