using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Standards;

/// <summary>
/// Suggests which standards (and clauses) a requirement text relates to. Keywords (also phrases such as
/// "stark autentisering") are matched on stems and thesaurus concepts, weighted by how distinctive they are in the
/// catalogue (idf over standards), so "bankid" points at one standard while "inloggning" is shared by several.
/// Pure and thread-safe.
/// </summary>
public sealed class StandardSuggester
{
    /// <summary>Confidence at or above which a suggestion with a distinctive keyword is pre-selected.</summary>
    public const double ConfidentAt = 0.6;

    /// <summary>Score at which the confidence reaches 1 - 1/e.</summary>
    private const double ScoreScale = 2.5;

    private const double GenericWeight = 0.4;

    private readonly TextAnalyzer analyzer;
    private readonly List<IndexedStandard> standards;

    private sealed record Keyword(string Text, string[] Terms, double Weight, bool Distinctive);

    private sealed record IndexedStandard(StandardEntry Entry, List<Keyword> Keywords, List<(ClauseEntry Clause, List<Keyword> Keywords)> Clauses);

    public StandardSuggester(TextAnalyzer analyzer, IReadOnlyList<StandardEntry> catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        this.analyzer = analyzer;
        var generic = EmbeddedWordList.Lines("Standards.generic-keywords.sv.txt").Select(Key).ToHashSet(StringComparer.Ordinal);
        // A keyword's weight comes from its rarest term: in how many standards does that term occur at all?
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var perStandard = catalogue.Select(s => KeywordsOf(s).Select(k => (k, Terms: TermsOf(k))).Where(x => x.Terms.Length > 0).ToList()).ToList();
        foreach (var terms in perStandard.Select(ks => ks.SelectMany(k => k.Terms).Distinct(StringComparer.Ordinal)))
        {
            foreach (var t in terms) df[t] = df.GetValueOrDefault(t) + 1;
        }
        // And whether the keyword as a whole belongs to one standard only (then it can make a link confident).
        var keywordDf = perStandard.SelectMany(ks => ks.Select(k => string.Join(' ', k.Terms)).Distinct(StringComparer.Ordinal))
            .GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var n = Math.Max(2, catalogue.Count);
        Keyword Build(string text, string[] terms)
        {
            var key = string.Join(' ', terms);
            var rarest = terms.Min(t => df.GetValueOrDefault(t, 1));
            var isGeneric = generic.Contains(key);
            var weight = Math.Log(1 + (double)n / rarest) * (isGeneric ? GenericWeight : 1);
            return new Keyword(text, terms, weight, !isGeneric && keywordDf.GetValueOrDefault(key, 1) == 1);
        }
        standards = catalogue.Select((s, i) => new IndexedStandard(s,
            perStandard[i].Select(x => Build(x.k, x.Terms)).ToList(),
            s.Clauses.Select(c => (c, c.Keywords.Select(k => (k, Terms: TermsOf(k))).Where(x => x.Terms.Length > 0)
                .Select(x => Build(x.k, x.Terms)).ToList())).ToList())).ToList();
    }

    /// <summary>A clause's keywords point at its standard too.</summary>
    private static IEnumerable<string> KeywordsOf(StandardEntry s) =>
        s.Keywords.Append(s.Name).Concat(s.Clauses.SelectMany(c => c.Keywords))
            .Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    private string Key(string word) => string.Join(' ', TermsOf(word));

    private string[] TermsOf(string text) => analyzer.Words(text).Select(w => w.Term).Where(t => t.Length > 0).ToArray();

    /// <summary>Up to <paramref name="max"/> suggestions, best first; none when nothing matches well enough.</summary>
    public IReadOnlyList<StandardSuggestion> Suggest(string requirementText, int max = 3)
    {
        var analysis = analyzer.Analyze(requirementText ?? "");
        var sequence = analysis.Words.Select(w => w.Term).Where(t => t.Length > 0).ToArray();
        var present = sequence.Concat(analysis.Parts.Select(p => p.Term)).ToHashSet(StringComparer.Ordinal);

        var scored = new List<(IndexedStandard Standard, double Score, bool Distinctive, List<string> Matched, string? Clause)>();
        foreach (var standard in standards)
        {
            var hits = Matches(standard.Keywords, sequence, present);
            if (hits.Count == 0) continue;
            var score = hits.Sum(h => h.Weight);
            var clause = BestClause(standard, sequence, present);
            scored.Add((standard, score, hits.Any(h => h.Distinctive), hits.Select(h => h.Text).ToList(), clause));
        }
        return scored
            .OrderByDescending(s => s.Score).ThenBy(s => s.Standard.Entry.Id, StringComparer.Ordinal)
            .Take(max)
            .Select((s, i) =>
            {
                var confidence = Math.Round(1 - Math.Exp(-s.Score / ScoreScale), 3);
                return new StandardSuggestion(s.Standard.Entry.Id, s.Clause, i + 1, confidence,
                    s.Distinctive && confidence >= ConfidentAt, s.Matched);
            })
            .ToList();
    }

    /// <summary>Matched keywords, one per distinct term sequence (synonyms in the catalogue count once).</summary>
    private static List<Keyword> Matches(List<Keyword> keywords, string[] sequence, HashSet<string> present)
    {
        var hits = new Dictionary<string, Keyword>(StringComparer.Ordinal);
        foreach (var keyword in keywords)
        {
            var key = string.Join(' ', keyword.Terms);
            if (hits.ContainsKey(key)) continue;
            if (keyword.Terms.Length == 1 ? present.Contains(keyword.Terms[0]) : ContainsPhrase(sequence, keyword.Terms))
                hits[key] = keyword;
        }
        // A phrase that matched makes its own single-word keyword redundant ("mobilt bankid" vs "bankid").
        return hits.Values.Where(h => !(h.Terms.Length == 1 && hits.Values.Any(o => o.Terms.Length > 1 && o.Terms.Contains(h.Terms[0]))))
            .ToList();
    }

    /// <summary>The phrase's terms in order, allowing one extra word in between ("öppna, dokumenterade format").</summary>
    private static bool ContainsPhrase(string[] sequence, string[] phrase)
    {
        for (var i = 0; i < sequence.Length; i++)
        {
            if (sequence[i] != phrase[0]) continue;
            int at = i, j = 1, gaps = 0;
            while (j < phrase.Length && at + 1 < sequence.Length && gaps <= 1)
            {
                at++;
                if (sequence[at] == phrase[j]) j++;
                else gaps++;
            }
            if (j == phrase.Length && gaps <= 1) return true;
        }
        return false;
    }

    /// <summary>The clause whose own keywords match best; the first clause when none says more than the others.</summary>
    private static string? BestClause(IndexedStandard standard, string[] sequence, HashSet<string> present)
    {
        if (standard.Clauses.Count == 0) return null;
        var best = standard.Clauses[0].Clause.Id;
        var bestScore = 0.0;
        foreach (var (clause, keywords) in standard.Clauses)
        {
            var score = Matches(keywords, sequence, present).Sum(k => k.Weight);
            if (score > bestScore)
            {
                best = clause.Id;
                bestScore = score;
            }
        }
        return best;
    }
}
