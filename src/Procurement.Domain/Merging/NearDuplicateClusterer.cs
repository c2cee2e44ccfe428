using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Merging;

/// <summary>
/// Finds groups of near-duplicate texts without comparing all pairs. Pure and thread-safe.
/// </summary>
public sealed class NearDuplicateClusterer(TextAnalyzer analyzer, ContrastRules contrasts)
{
    /// <summary>
    /// Mean similarity a group must keep to stay one suggestion. This, <see cref="DefaultRefineThreshold"/> and
    /// <see cref="DefaultLatentWeight"/> were chosen together by "--sweep" of tests/Procurement.Quality over the
    /// development sets (clusters-dev, clusters-dev2, clusters-dev3, the demo needs), never the test sets.
    /// </summary>
    public const double DefaultThreshold = 0.23;

    private const int MaxNeighbours = 40;

    public NearDuplicateClusterer(TextAnalyzer analyzer) : this(analyzer, ContrastRules.For(analyzer))
    {
    }

    public static NearDuplicateClusterer Swedish { get; } = new(TextAnalyzer.Swedish);

    /// <summary>Share of a merge's cross pairs that must be related at all (guards against chaining).</summary>
    public double MinDensity { get; init; } = 0.6;

    /// <summary>The average-link threshold; lower gives bigger, looser groups.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>How much a compound part counts against a whole word (1).</summary>
    public double PartWeight { get; init; } = TermVectors.DefaultPartWeight;

    /// <summary>Share of the similarity that comes from character n-grams of the terms (0: terms only).</summary>
    public double GramWeight { get; init; } = DefaultGramWeight;

    /// <summary>Least similarity to a cluster's centroid (without the item itself) for an item to join or stay.</summary>
    public double RefineThreshold { get; init; } = DefaultRefineThreshold;

    /// <summary>
    /// Share of a cluster's members an item must be related to (an edge) to join or stay in it; of at most as many
    /// members as a text keeps neighbours (40), since no text can be related to more.
    /// </summary>
    public double RefineMinLinked { get; init; } = 0.5;

    /// <summary>Rounds of centroid refinement after agglomeration (0: none).</summary>
    public int RefineRounds { get; init; } = 3;

    public const double DefaultGramWeight = 0.6;

    public const double DefaultRefineThreshold = 0.28;

    /// <summary>
    /// Share of the centroid score in refinement that comes from the corpus's latent semantic space (LSA, see
    /// <see cref="LatentSpace"/>; 0: off). Pair similarities stay lexical.
    /// </summary>
    public double LatentWeight { get; init; } = DefaultLatentWeight;

    /// <summary>Dimensions of the latent space as a share of the distinct texts, at most <see cref="LatentMaxRank"/>.</summary>
    public double LatentRankShare { get; init; } = 0.1;

    /// <summary>Most dimensions of the latent space (about the number of distinct needs it should tell apart).</summary>
    public int LatentMaxRank { get; init; } = 20;

    /// <summary>Fewest distinct texts for which the latent space is built (co-occurrence means little in a handful).</summary>
    public int LatentMinTexts { get; init; } = 50;

    /// <summary>Latent cosines up to this count as nothing; the rest is stretched to 0..1.</summary>
    public double LatentFloor { get; init; } = 0.3;

    public const double DefaultLatentWeight = 0.15;

    /// <summary>
    /// Whether groups that average link left apart only because each text keeps its best neighbours are joined when
    /// the mean similarity of all their cross pairs reaches <see cref="Threshold"/> (see <see cref="CentroidMerging"/>).
    /// </summary>
    public bool JoinFragments { get; init; } = true;

    /// <summary>
    /// Above <see cref="CandidateIndex.AllPairsLimit"/> distinct texts: proposals per text that get an exact score, as a
    /// multiple of the neighbours kept (benchmarks compare settings; a huge value scores every proposal).
    /// </summary>
    internal int ExactFactor
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least 1.");
    } = CandidateIndex.DefaultExactFactor;

    /// <summary>Called with a phase's name when it ends (benchmarks time the phases with it); null: nothing.</summary>
    internal Action<string>? Phase { get; init; }

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
        // Nothing to group: fewer than two texts (a procurement whose needs are all merged already).
        if (items.Count < 2)
        {
            progress?.Report(1);
            return [];
        }
        var corpus = Corpus.Build(analyzer, contrasts, items, cannotLink, cancellationToken);
        Phase?.Invoke("analysis");
        progress?.Report(0.4);

        var scorer = new PairScorer(corpus.Docs, contrasts, useIdf: true, PartWeight, GramWeight);
        var vectors = scorer.Words;
        Phase?.Invoke("vectors");
        var (edges, vetoes) = CandidateIndex.Neighbours(scorer, Math.Min(Threshold, RefineThreshold) * 0.4, MaxNeighbours, cancellationToken, Phase, ExactFactor);
        Phase?.Invoke("edges");
        progress?.Report(0.7);

        var cannot = corpus.CannotLinkNodes.Concat(vetoes).ToList();
        var groups = AverageLinkClustering.Run(corpus.Weights, edges, cannot, Threshold, MinDensity, cancellationToken);
        Phase?.Invoke("average-link");
        var label = new int[corpus.Docs.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var node in groups[g].Nodes) label[node] = g;
        }
        if (JoinFragments)
        {
            label = CentroidMerging.Run(scorer, corpus.Weights, label, edges, cannot, Threshold, cancellationToken);
            Phase?.Invoke("joining");
        }
        if (RefineRounds > 0)
        {
            var distinct = corpus.Docs.Count;
            var rank = distinct >= LatentMinTexts ? Math.Min(LatentMaxRank, (int)(distinct * LatentRankShare)) : 0;
            var latent = LatentSpace.Build(vectors, rank, LatentWeight, LatentFloor, cancellationToken);
            Phase?.Invoke("svd");
            label = CentroidRefinement.Run(scorer, corpus.Weights, label, edges, cannot, RefineThreshold, RefineMinLinked, RefineRounds,
                cancellationToken, latent, MaxNeighbours);
            Phase?.Invoke("refinement");
        }
        progress?.Report(0.9);

        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var t = 0; t < vectors.Names.Length; t++) idf[vectors.Names[t]] = vectors.Idf[t];
        // Each cluster's figures on its own (in parallel), kept in the order of the groups.
        var groupsOfNodes = Enumerable.Range(0, label.Length).GroupBy(node => label[node]).Select(g => g.ToList()).ToList();
        var described = new (SuggestedCluster Cluster, int FirstItem)?[groupsOfNodes.Count];
        Parallel.For(0, groupsOfNodes.Count, new ParallelOptions { CancellationToken = cancellationToken }, g =>
        {
            var nodes = groupsOfNodes[g];
            var size = nodes.Sum(node => (long)corpus.Weights[node]);
            if (size < 2) return;
            var itemIndexes = nodes.SelectMany(node => corpus.ItemsOf[node]).Order().ToList();
            var pairs = size * (size - 1) / 2.0;
            var shared = SharedTerms(nodes, corpus, idf);
            described[g] = (new SuggestedCluster(itemIndexes.Select(i => items[i].Id).ToList(),
                Math.Round(InternalSum(nodes, corpus.Weights, scorer, cancellationToken) / pairs, 4), shared), itemIndexes[0]);
        });
        var clusters = new List<(SuggestedCluster Cluster, int FirstItem)>();
        foreach (var cluster in described)
        {
            if (cluster is { } c) clusters.Add(c);
        }
        progress?.Report(1);
        Phase?.Invoke("output");
        return clusters
            .OrderByDescending(c => c.Cluster.MemberIds.Count)
            .ThenByDescending(c => c.Cluster.Similarity)
            .ThenBy(c => c.FirstItem)
            .Select(c => c.Cluster).ToList();
    }

    /// <summary>
    /// The sum of the similarities of all pairs of items in a cluster (blended cosine times the contrast factor, as
    /// <see cref="Similarity"/>), identical texts counting 1. Exact over all pairs in time linear in the members' terms:
    /// members are grouped by the contrast sides they take (pairs within a group take no opposite sides); with S the
    /// weighted sum of a group's unit vectors its own pairs add up to (|S|² − Σ w²|v|²) / 2, and two groups' cross
    /// pairs to S·S′ times their contrast factor.
    /// </summary>
    internal static double InternalSum(IReadOnlyList<int> nodes, int[] weights, PairScorer scorer, CancellationToken cancellationToken = default)
    {
        double sum = 0;
        foreach (var node in nodes) sum += weights[node] * (weights[node] - 1) / 2.0;
        var bySides = nodes.GroupBy(node => scorer.Docs[node].Sides).Select(g => (Sides: g.Key, Nodes: g.ToList())).ToList();
        var members = bySides.Select(g => g.Nodes).ToList();
        var words = new Centroids(scorer.Words, members, weights, cancellationToken);
        var grams = scorer.Grams is null ? null : new Centroids(scorer.Grams, members, weights, cancellationToken);
        for (var a = 0; a < bySides.Count; a++)
        {
            sum += scorer.Blend(Within(words, scorer.Words, a), grams is null ? 0 : Within(grams, scorer.Grams!, a));
            for (var b = a + 1; b < bySides.Count; b++)
            {
                var factor = scorer.Contrasts.Factor(bySides[a].Sides, bySides[b].Sides);
                if (factor == 0) continue;
                sum += factor * scorer.Blend(words.Dot(a, b), grams?.Dot(a, b) ?? 0);
            }
        }
        return sum;

        // The sum over a side group's own pairs: half of |S|² less each member's own square.
        double Within(Centroids centroids, TermVectors vectors, int row)
        {
            double ownSquares = 0;
            foreach (var node in members[row])
            {
                double own = 0;
                foreach (var value in vectors.Weights[node]) own += value * value;
                ownSquares += (double)weights[node] * weights[node] * own;
            }
            return Math.Max(0, (centroids.NormSquared(row) - ownSquares) / 2);
        }
    }

    /// <summary>Main terms (as <see cref="TextAnalyzer.Words"/> gives them) found in at least half the members.</summary>
    private static List<string> SharedTerms(IReadOnlyList<int> nodes, Corpus corpus, Dictionary<string, double> idf)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var node in nodes)
        {
            var weight = corpus.Weights[node];
            total += weight;
            foreach (var term in corpus.Docs[node].MainTerms) counts[term] = counts.GetValueOrDefault(term) + weight;
        }
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
