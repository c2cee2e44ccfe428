using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Standards;

/// <summary>Suggests which standards (and clauses) a requirement text relates to. Pure and thread-safe.</summary>
public sealed class StandardSuggester(TextAnalyzer analyzer, IReadOnlyList<StandardEntry> catalogue)
{
    /// <summary>Up to <paramref name="max"/> suggestions, best first; none when nothing matches well enough.</summary>
    public IReadOnlyList<StandardSuggestion> Suggest(string requirementText, int max = 3)
    {
        var text = string.Join(' ', analyzer.Words(requirementText).Select(w => w.Term));
        return catalogue
            .Select(s => (s, hits: s.Keywords.Where(k => text.Contains(k, StringComparison.Ordinal)).ToList()))
            .Where(x => x.hits.Count > 0)
            .OrderByDescending(x => x.hits.Count)
            .Take(max)
            .Select((x, i) => new StandardSuggestion(x.s.Id, (x.s.Clauses.Count > 0 ? x.s.Clauses[0].Id : null), i + 1,
                Math.Min(1, x.hits.Count / 3.0), x.hits.Count >= 2, x.hits))
            .ToList();
    }
}
