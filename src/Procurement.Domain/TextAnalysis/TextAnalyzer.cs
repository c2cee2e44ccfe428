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
    public AnalyzedText Analyze(string text)
    {
        var tokens = SwedishTokenizer.Tokenize(text);
        var keys = tokens.Select(t => t.IsNumber ? t.Text : Key(t.Text)).ToArray();
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
            var concept = token.IsNumber ? null : Thesaurus.ConceptOf(keys[i]);
            concepts[i] = concept ?? keys[i];
            if (stopWords.Contains(token.Text)) { terms[i] = ""; continue; }
            terms[i] = concepts[i];
            if (token.IsNumber) continue;
            foreach (var part in splitter.Split(token.Text))
            {
                var partKey = Key(part);
                var partTerm = Thesaurus.ConceptOf(partKey) ?? partKey;
                if (partTerm != terms[i] && !stopWords.Contains(part)) parts.Add((i, partTerm));
            }
        }
        var words = tokens.Select((t, i) => new AnalyzedWord(t.Start, t.Length, terms[i])).ToList();
        return new AnalyzedText(words, parts, concepts);
    }

    private List<string> EntryKeys(string entry) =>
        SwedishTokenizer.Tokenize(entry).Where(t => t.Text.Length > 0).Select(t => t.IsNumber ? t.Text : Key(t.Text)).ToList();
}

/// <summary>One word of a text: where it stands and the index term it maps to ("" for a stop word).</summary>
public sealed record AnalyzedWord(int Start, int Length, string Term);

/// <summary>
/// A text's analysis: its words (one per surface word, with the main term), the extra terms of compound parts
/// by word index, and per word its concept or stem with stop words kept (what contrast rules look at).
/// </summary>
public sealed class AnalyzedText(IReadOnlyList<AnalyzedWord> words, IReadOnlyList<(int Word, string Term)> parts,
    IReadOnlyList<string> concepts)
{
    public IReadOnlyList<AnalyzedWord> Words { get; } = words;

    public IReadOnlyList<(int Word, string Term)> Parts { get; } = parts;

    /// <summary>Per word: thesaurus concept or stem, stop words included; "" for folded unit words.</summary>
    public IReadOnlyList<string> Concepts { get; } = concepts;

    public IEnumerable<string> PartsOf(int word) => Parts.Where(p => p.Word == word).Select(p => p.Term);

    /// <summary>Main terms and compound parts, each once.</summary>
    public IEnumerable<string> DistinctTerms() =>
        Words.Select(w => w.Term).Where(t => t.Length > 0).Concat(Parts.Select(p => p.Term)).Distinct(StringComparer.Ordinal);
}
