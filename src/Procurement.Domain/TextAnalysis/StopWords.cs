namespace Procurement.Domain.TextAnalysis;

/// <summary>Swedish stop words and requirement boilerplate, read from the embedded list.</summary>
public sealed class StopWords
{
    private readonly HashSet<string> words;

    public StopWords(IEnumerable<string> words) => this.words = new HashSet<string>(words, StringComparer.Ordinal);

    /// <summary>The built-in list (stopwords.sv.txt).</summary>
    public static StopWords Swedish { get; } = new(EmbeddedWordList.Lines("TextAnalysis.stopwords.sv.txt")
        .SelectMany(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    public bool Contains(string word) => words.Contains(word);
}
