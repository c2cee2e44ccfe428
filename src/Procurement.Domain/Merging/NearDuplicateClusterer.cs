using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Merging;

/// <summary>
/// Finds groups of near-duplicate texts without comparing all pairs. Pure and thread-safe.
/// </summary>
public sealed class NearDuplicateClusterer(TextAnalyzer analyzer, ContrastRules contrasts)
{
    /// <summary>Mean similarity a group must keep to stay one suggestion (tuned on db/seed/demo/needs.json).</summary>
    public const double DefaultThreshold = 0.15;

    private const int MaxNeighbours = 40;

    public NearDuplicateClusterer(TextAnalyzer analyzer) : this(analyzer, ContrastRules.For(analyzer))
    {
    }

    public static NearDuplicateClusterer Swedish { get; } = new(TextAnalyzer.Swedish);

    /// <summary>Share of a merge's cross pairs that must be related at all (guards against chaining).</summary>
    public double MinDensity { get; init; } = 0.6;

    /// <summary>The average-link threshold; lower gives bigger, looser groups.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>
    /// Suggested clusters (two members or more), largest and most similar first. Pairs in
    /// <paramref name="cannotLink"/> (e.g. from rejected suggestions) never end up in the same cluster.
    /// <paramref name="progress"/> receives 0..1.
    /// </summary>
    public IReadOnlyList<SuggestedCluster> Cluster(IReadOnlyList<ClusterInput> items,
        IReadOnlySet<(string, string)>? cannotLink = null, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var corpus = Corpus.Build(analyzer, contrasts, items, cannotLink, cancellationToken);
        progress?.Report(0.4);

        var vectors = new TermVectors(corpus.Docs, useIdf: true);
        var edges = CandidateIndex.Neighbours(vectors, (a, b) => contrasts.Factor(corpus.Docs[a].Sides, corpus.Docs[b].Sides),
            Threshold * 0.4, MaxNeighbours, cancellationToken);
        progress?.Report(0.8);

        var groups = AverageLinkClustering.Run(corpus.Weights, edges, corpus.CannotLinkNodes, Threshold, MinDensity, cancellationToken);
        var clusters = new List<(SuggestedCluster Cluster, int FirstItem)>();
        foreach (var group in groups.Where(g => g.Size >= 2))
        {
            var itemIndexes = group.Nodes.SelectMany(node => corpus.ItemsOf[node]).Order().ToList();
            var pairs = group.Size * (group.Size - 1) / 2.0;
            var shared = SharedTerms(group.Nodes, corpus, vectors);
            clusters.Add((new SuggestedCluster(itemIndexes.Select(i => items[i].Id).ToList(),
                Math.Round(group.InternalSum / pairs, 4), shared), itemIndexes[0]));
        }
        progress?.Report(1);
        return clusters
            .OrderByDescending(c => c.Cluster.MemberIds.Count)
            .ThenByDescending(c => c.Cluster.Similarity)
            .ThenBy(c => c.FirstItem)
            .Select(c => c.Cluster).ToList();
    }

    /// <summary>Main terms (as <see cref="TextAnalyzer.Words"/> gives them) found in at least half the members.</summary>
    private static List<string> SharedTerms(IReadOnlyList<int> nodes, Corpus corpus, TermVectors vectors)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var node in nodes)
        {
            var weight = corpus.Weights[node];
            total += weight;
            foreach (var term in corpus.Docs[node].MainTerms) counts[term] = counts.GetValueOrDefault(term) + weight;
        }
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var t = 0; t < vectors.Names.Length; t++) idf[vectors.Names[t]] = vectors.Idf[t];
        return counts.Where(kv => kv.Value >= 2 && kv.Value * 2 >= total)
            .OrderByDescending(kv => kv.Value).ThenByDescending(kv => idf.GetValueOrDefault(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key).ToList();
    }

    /// <summary>Similarity of two texts, 0..1 (1 = same meaning as far as the analysis can tell).</summary>
    public double Similarity(string a, string b)
    {
        var docs = new[] { Analyze(a), Analyze(b) };
        var vectors = new TermVectors(docs, useIdf: false);
        return Math.Round(vectors.Cosine(0, 1) * contrasts.Factor(docs[0].Sides, docs[1].Sides), 4);
    }

    /// <summary>The best <paramref name="top"/> targets for a text, most similar first, above the suggestion threshold.</summary>
    public IReadOnlyList<TextMatch> Match(string text, IReadOnlyList<ClusterInput> targets, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var docs = targets.Select(t => Analyze(t.Text)).Append(Analyze(text)).ToList();
        var vectors = new TermVectors(docs, useIdf: docs.Count > 2);
        var self = docs.Count - 1;
        return targets
            .Select((t, i) => new TextMatch(t.Id, Math.Round(vectors.Cosine(self, i) * contrasts.Factor(docs[self].Sides, docs[i].Sides), 4)))
            .Where(m => m.Similarity >= Threshold)
            .OrderByDescending(m => m.Similarity).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Take(top).ToList();
    }

    private AnalyzedDoc Analyze(string text) => Corpus.AnalyzeOne(analyzer, contrasts, text);
}
