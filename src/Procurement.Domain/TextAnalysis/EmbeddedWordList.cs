using System.Reflection;

namespace Procurement.Domain.TextAnalysis;

/// <summary>Reads the word lists compiled into this assembly: lines without '#' comments and blanks.</summary>
internal static class EmbeddedWordList
{
    public static IReadOnlyList<string> Lines(string logicalName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Missing embedded word list {logicalName}.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length > 0) lines.Add(content);
        }
        return lines;
    }
}
