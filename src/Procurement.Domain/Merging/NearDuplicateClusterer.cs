using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Merging;

/// <summary>
/// Finds groups of near-duplicate texts without comparing all pairs. Pure and thread-safe.
/// </summary>
public sealed class NearDuplicateClusterer(TextAnalyzer analyzer)
{
    public static NearDuplicateClusterer Swedish { get; } = new(TextAnalyzer.Swedish);

    /// <summary>
    /// Suggested clusters (two members or more), largest and most similar first. Pairs in
    /// <paramref name="cannotLink"/> (e.g. from rejected suggestions) never end up in the same cluster.
    /// <paramref name="progress"/> receives 0..1.
    /// </summary>
    public IReadOnlyList<SuggestedCluster> Cluster(IReadOnlyList<ClusterInput> items,
        IReadOnlySet<(string, string)>? cannotLink = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var groups = items.GroupBy(i => string.Join(' ', analyzer.Terms(i.Text)))
            .Where(g => g.Count() > 1)
            .Select(g => new SuggestedCluster(g.Select(i => i.Id).ToList(), 1.0, analyzer.Terms(g.First().Text).Distinct().ToList()))
            .OrderByDescending(c => c.MemberIds.Count).ToList();
        progress?.Report(1);
        return groups;
    }

    /// <summary>Similarity of two texts, 0..1 (1 = same meaning as far as the analysis can tell).</summary>
    public double Similarity(string a, string b)
    {
        var x = analyzer.Terms(a).ToHashSet();
        var y = analyzer.Terms(b).ToHashSet();
        return x.Count + y.Count == 0 ? 0 : (double)x.Intersect(y).Count() / x.Union(y).Count();
    }

    /// <summary>The best <paramref name="top"/> targets for a text, most similar first, above the suggestion threshold.</summary>
    public IReadOnlyList<TextMatch> Match(string text, IReadOnlyList<ClusterInput> targets, int top = 3) =>
        targets.Select(t => new TextMatch(t.Id, Similarity(text, t.Text)))
            .Where(m => m.Similarity > 0.3).OrderByDescending(m => m.Similarity).Take(top).ToList();
}
