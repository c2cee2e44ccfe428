using System.Runtime.CompilerServices;
namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// Turns Swedish requirement text into comparable terms: normalisation, stop words, stemming, compound
/// splitting and the procurement thesaurus. Pure and thread-safe; build once and share.
/// </summary>
public sealed class TextAnalyzer
{
    private readonly StopWords stopWords;
    private readonly CompoundSplitter splitter;

    public TextAnalyzer(StopWords stopWords, IEnumerable<IReadOnlyList<string>> thesaurusGroups, IEnumerable<string> morphemes)
    {
        this.stopWords = stopWords;
        Thesaurus = new Thesaurus(thesaurusGroups, EntryKeys);
        // Every thesaurus entry is a known word too, so "föreningsregistret" splits on "registret".
        splitter = new CompoundSplitter(morphemes.Select(Key).Concat(Thesaurus.Keys), Key);
    }

    /// <summary>The Swedish analyser with the built-in stop words, procurement thesaurus and compound parts.</summary>
    public static TextAnalyzer Swedish { get; } = new(StopWords.Swedish,
        EmbeddedWordList.Lines("TextAnalysis.thesaurus.sv.txt")
            .Select(l => (IReadOnlyList<string>)l.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
        EmbeddedWordList.Lines("TextAnalysis.morphemes.sv.txt")
            .SelectMany(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

    public Thesaurus Thesaurus { get; }

    /// <summary>The stem of one lower-case word (Snowball Swedish, plus the definite neuter -et).</summary>
    public static string Key(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length == 0 || char.IsDigit(word[0])) return word;
        if (StemExceptions.Of.TryGetValue(word, out var fixedStem)) return fixedStem;
        var stem = SwedishStemmer.Stem(word);
        // Snowball keeps "-et" (systemet, bidraget, kortet), which would leave the definite form of every neuter
        // noun apart from its base form; dropping it after a consonant is consistent across a word's forms.
        if (stem.Length >= 6 && stem.EndsWith("et", StringComparison.Ordinal) && !"aeiouyäåö".Contains(stem[^3], StringComparison.Ordinal))
            stem = stem[..^2];
        return stem;
    }

    /// <summary>The text's index terms (stems, compound parts and thesaurus concepts), in text order, repeats kept.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var analysis = Analyze(text);
        var terms = new List<string>(analysis.Words.Count * 2);
        for (var i = 0; i < analysis.Words.Count; i++)
        {
            if (analysis.Words[i].Term.Length > 0) terms.Add(analysis.Words[i].Term);
            terms.AddRange(analysis.PartsOf(i));
        }
        return terms;
    }

    /// <summary>
    /// The text cut into words with the term each one maps to (empty for stop words). Used to highlight
    /// the words behind shared terms.
    /// </summary>
    public IReadOnlyList<AnalyzedWord> Words(string text) => Analyze(text).Words;

    /// <summary>Everything the analysis knows about a text: words with main terms, compound parts and the key sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AnalyzedText Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = reusedTokens ??= [];
        SwedishTokenizer.Tokenize(text, tokens);
        // What a word maps to depends on the word alone: looked up once per distinct word, not per occurrence.
        var info = new WordInfo?[tokens.Count];
        var keys = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsNumber) keys[i] = token.Text;
            else keys[i] = (info[i] = InfoOf(token.Text)).Key;
        }
        var terms = new string[tokens.Count];
        var concepts = new string[tokens.Count];
        var parts = new List<(int Word, string Term)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Text.Length == 0) { terms[i] = ""; concepts[i] = ""; continue; }
            if (!token.IsNumber && Thesaurus.PhraseAt(keys, i) is var (phraseConcept, length))
            {
                terms[i] = concepts[i] = phraseConcept;
                for (var j = 1; j < length; j++) { terms[i + j] = ""; concepts[i + j] = phraseConcept; }
                i += length - 1;
                continue;
            }
            if (token.IsNumber)
            {
                concepts[i] = keys[i];
                terms[i] = stopWords.Contains(token.Text) ? "" : concepts[i];
                continue;
            }
            var word = info[i]!;
            concepts[i] = word.Concept;
            if (word.IsStopWord) { terms[i] = ""; continue; }
            terms[i] = concepts[i];
            foreach (var part in word.PartTerms) parts.Add((i, part));
        }
        var words = new AnalyzedWord[tokens.Count];
        var surface = new string[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            words[i] = new AnalyzedWord(token.Start, token.Length, terms[i]);
            surface[i] = IsLowerCaseOf(token.Text, text.AsSpan(token.Start, token.Length))
                ? token.Text
                : text.Substring(token.Start, token.Length).ToLowerInvariant();
        }
        if (tokens.Capacity > MaxReusedTokens) reusedTokens = null;
        else tokens.Clear();
        return new AnalyzedText(words, parts, concepts, surface);
    }

    // Whether the token's text is its surface lower-cased (no decimal comma, no unit folded in): then it serves as
    // the surface word too. Words hold no surrogates (they are not letters), so char by char is the string's casing.
    private static bool IsLowerCaseOf(string tokenText, ReadOnlySpan<char> surface)
    {
        if (tokenText.Length != surface.Length) return false;
        for (var k = 0; k < surface.Length; k++)
        {
            if (char.ToLowerInvariant(surface[k]) != tokenText[k]) return false;
        }
        return true;
    }

    // One token list per thread, refilled for each text: the tokens do not outlive the analysis, and nothing Analyze
    // calls analyses a text (it must not: the list would be refilled under it). Dropped after a very long text, so a
    // thread does not keep its tokens.
    [ThreadStatic]
    private static List<Token>? reusedTokens;

    private const int MaxReusedTokens = 4096;

    /// <summary>A word's stem, its concept (or the stem), whether it is a stop word and its compound parts' terms.</summary>
    private sealed record WordInfo(string Key, string Concept, bool IsStopWord, string[] PartTerms);

    private readonly BoundedWordCache<WordInfo> wordCache = new();

    private WordInfo InfoOf(string word)
    {
        if (wordCache.TryGetValue(word, out var info)) return info;
        info = Uncached(word);
        wordCache.Remember(word, info);
        return info;
    }

    private WordInfo Uncached(string word)
    {
        var key = Key(word);
        var concept = Thesaurus.ConceptOf(key) ?? key;
        var isStop = stopWords.Contains(word);
        var partTerms = new List<string>();
        if (!isStop && word.Length > 0)
        {
            foreach (var part in splitter.Split(word))
            {
                var partKey = Key(part);
                var partTerm = Thesaurus.ConceptOf(partKey) ?? partKey;
                if (partTerm != concept && !stopWords.Contains(part)) partTerms.Add(partTerm);
            }
        }
        return new WordInfo(key, concept, isStop, [.. partTerms]);
    }

    private List<string> EntryKeys(string entry) =>
        SwedishTokenizer.Tokenize(entry).Where(t => t.Text.Length > 0).Select(t => t.IsNumber ? t.Text : Key(t.Text)).ToList();
}

/// <summary>One word of a text: where it stands and the index term it maps to ("" for a stop word).</summary>
public readonly record struct AnalyzedWord(int Start, int Length, string Term);

/// <summary>
/// A text's analysis: its words (one per surface word, with the main term), the extra terms of compound parts
/// by word index, and per word its concept or stem with stop words kept (what contrast rules look at).
/// </summary>
public sealed class AnalyzedText
{
    // Made by the analyser only: words, concepts and surface go together, one entry per word.
    internal AnalyzedText(AnalyzedWord[] words, List<(int Word, string Term)> parts, string[] concepts, string[] surface)
    {
        Words = words;
        Parts = parts;
        Concepts = concepts;
        Surface = surface;
    }

    public IReadOnlyList<AnalyzedWord> Words { get; }

    public IReadOnlyList<(int Word, string Term)> Parts { get; }

    /// <summary>Per word: thesaurus concept or stem, stop words included; "" for folded unit words.</summary>
    public IReadOnlyList<string> Concepts { get; }

    /// <summary>Per word: the text's own word, lower-cased (what literal contrast entries match).</summary>
    public IReadOnlyList<string> Surface { get; }

    public IEnumerable<string> PartsOf(int word) => Parts.Where(p => p.Word == word).Select(p => p.Term);

    /// <summary>Main terms and compound parts, each once.</summary>
    public IEnumerable<string> DistinctTerms() =>
        Words.Select(w => w.Term).Where(t => t.Length > 0).Concat(Parts.Select(p => p.Term)).Distinct(StringComparer.Ordinal);
}
