namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// Turns Swedish requirement text into comparable terms: normalisation, stop words, stemming, compound
/// splitting and the procurement thesaurus. Pure and thread-safe; build once and share.
/// </summary>
public sealed class TextAnalyzer
{
    private readonly bool lowerCase = true;

    /// <summary>The Swedish analyser with the built-in stop words and procurement thesaurus.</summary>
    public static TextAnalyzer Swedish { get; } = new();

    /// <summary>The text's index terms (stems, compound parts and thesaurus concepts), in text order, repeats kept.</summary>
    public IReadOnlyList<string> Terms(string text) =>
        Words(text).Select(w => w.Term).Where(t => t.Length > 0).ToList();

    /// <summary>
    /// The text cut into words with the term each one maps to (empty for stop words). Used to highlight
    /// the words behind shared terms.
    /// </summary>
    public IReadOnlyList<AnalyzedWord> Words(string text)
    {
        var words = new List<AnalyzedWord>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            if (!letter && start >= 0)
            {
                var surface = text[start..i];
                words.Add(new AnalyzedWord(start, surface.Length, lowerCase ? surface.ToLowerInvariant() : surface));
                start = -1;
            }
        }
        return words;
    }
}

/// <summary>One word of a text: where it stands and the index term it maps to ("" for a stop word).</summary>
public sealed record AnalyzedWord(int Start, int Length, string Term);
