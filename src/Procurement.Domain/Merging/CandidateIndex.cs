namespace Procurement.Domain.Merging;

/// <summary>
/// Finds each document's likely neighbours. Small corpora (up to <see cref="AllPairsLimit"/> distinct texts) are
/// scored exhaustively; larger ones through an inverted index over the terms that are rare enough to say
/// something (document frequency under a cut-off), and only proposed pairs get an exact score.
/// </summary>
internal static class CandidateIndex
{
    public const int AllPairsLimit = 2500;

    /// <summary>
    /// Neighbours of every document with their similarity, at least <paramref name="minSimilarity"/>, at most
    /// <paramref name="maxNeighbours"/> each, as pairs (a &lt; b); and the pairs that are alike but vetoed by a
    /// contrast (factor 0), which must never share a cluster.
    /// </summary>
    public static (List<(int A, int B, double Similarity)> Edges, List<(int A, int B)> Vetoes) Neighbours(PairScorer scorer,
        double minSimilarity, int maxNeighbours, CancellationToken cancellationToken)
    {
        var vectors = scorer.Words;
        var n = vectors.Count;
        var allPairs = n <= AllPairsLimit;
        var maxDf = Math.Max(20, (int)(0.05 * n));
        var postings = new List<(int Doc, double Weight)>[vectors.Names.Length];
        if (!allPairs)
        {
            for (var d = 0; d < n; d++)
            {
                var terms = vectors.Terms[d];
                for (var k = 0; k < terms.Length; k++)
                {
                    var t = terms[k];
                    if (vectors.Df[t] < 2 || vectors.Df[t] > maxDf) continue;
                    (postings[t] ??= []).Add((d, vectors.Weights[d][k]));
                }
            }
        }
        // The rare terms' share of the cosine must reach this before the exact score is worth computing.
        var proposeAt = minSimilarity * 0.5;

        var found = new (int Other, double Similarity)[n][];
        var vetoed = new List<int>?[n];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, n, options,
            () => (Score: new double[n], Touched: new List<int>()),
            (d, _, buffer) =>
            {
                if (allPairs)
                {
                    for (var other = d + 1; other < n; other++) buffer.Touched.Add(other);
                }
                else
                {
                    var terms = vectors.Terms[d];
                    var weights = vectors.Weights[d];
                    for (var k = 0; k < terms.Length; k++)
                    {
                        var list = postings[terms[k]];
                        if (list is null) continue;
                        foreach (var (other, weight) in list)
                        {
                            if (other == d) continue;
                            if (buffer.Score[other] == 0) buffer.Touched.Add(other);
                            buffer.Score[other] += weights[k] * weight;
                        }
                    }
                }
                var hits = new List<(int Other, double Similarity)>();
                foreach (var other in buffer.Touched)
                {
                    if (!allPairs)
                    {
                        var partial = buffer.Score[other];
                        buffer.Score[other] = 0;
                        if (partial < proposeAt) continue;
                    }
                    var similarity = scorer.Cosine(d, other);
                    if (similarity < minSimilarity) continue;
                    var factor = scorer.Factor(d, other);
                    if (factor == 0 && d < other) (vetoed[d] ??= []).Add(other);
                    similarity *= factor;
                    if (similarity >= minSimilarity) hits.Add((other, similarity));
                }
                buffer.Touched.Clear();
                found[d] = allPairs ? [.. hits] : hits.OrderByDescending(h => h.Similarity).ThenBy(h => h.Other).Take(maxNeighbours).ToArray();
                return buffer;
            },
            _ => { });

        // Either side's choice makes an edge; the similarity is symmetric, so the union is deterministic.
        var pairs = new HashSet<(int, int)>();
        var edges = new List<(int A, int B, double Similarity)>();
        var vetoes = new List<(int A, int B)>();
        for (var d = 0; d < n; d++)
        {
            foreach (var (other, similarity) in found[d])
            {
                var key = d < other ? (d, other) : (other, d);
                if (pairs.Add(key)) edges.Add((key.Item1, key.Item2, similarity));
            }
            if (vetoed[d] is { } list) vetoes.AddRange(list.Select(o => (d, o)));
        }
        return (edges, vetoes);
    }
}
