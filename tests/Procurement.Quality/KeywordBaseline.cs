using Procurement.Domain.Standards;

namespace Procurement.Quality;

/// <summary>
/// The standards baseline: a standard is suggested when any of its keywords (its own or its clauses') occurs as a
/// substring of the lower-cased text, ranked by how many do (ties by id). It has no notion of confidence, so every
/// suggestion counts as a confident link.
/// </summary>
public sealed class KeywordBaseline(IReadOnlyList<StandardEntry> catalogue)
{
    public IReadOnlyList<(string StandardId, bool Confident)> Suggest(string text, int max = 3)
    {
        var lower = text.ToLowerInvariant();
        return catalogue
            .Select(s => (s.Id, Hits: s.Keywords.Concat(s.Clauses.SelectMany(c => c.Keywords)).Distinct(StringComparer.Ordinal)
                .Count(k => k.Length > 0 && lower.Contains(k.ToLowerInvariant(), StringComparison.Ordinal))))
            .Where(s => s.Hits > 0)
            .OrderByDescending(s => s.Hits).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(max)
            .Select(s => (s.Id, true))
            .ToList();
    }
}
