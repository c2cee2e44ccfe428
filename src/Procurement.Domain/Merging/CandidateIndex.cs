namespace Procurement.Domain.Merging;

/// <summary>
/// Finds each document's likely neighbours without comparing all pairs: an inverted index over the terms that
/// are rare enough to say something (document frequency under a cut-off) proposes candidates, and only those
/// get an exact cosine. Very common terms still count in the cosine, they just do not propose.
/// </summary>
internal static class CandidateIndex
{
    /// <summary>
    /// Neighbours of every document with their similarity (cosine times <paramref name="pairFactor"/>), at least
    /// <paramref name="minSimilarity"/>, at most <paramref name="maxNeighbours"/> each, as pairs (a &lt; b).
    /// </summary>
    public static List<(int A, int B, double Similarity)> Neighbours(TermVectors vectors, Func<int, int, double> pairFactor,
        double minSimilarity, int maxNeighbours, CancellationToken cancellationToken)
    {
        var n = vectors.Count;
        var maxDf = Math.Max(20, (int)(0.05 * n));
        var postings = new List<(int Doc, double Weight)>[vectors.Names.Length];
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
        // The rare terms' share of the cosine must reach this before the exact cosine is worth computing.
        var proposeAt = minSimilarity * 0.5;

        var found = new (int Other, double Similarity)[n][];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, n, options,
            () => (Score: new double[n], Touched: new List<int>()),
            (d, _, buffer) =>
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
                var hits = new List<(int Other, double Similarity)>();
                foreach (var other in buffer.Touched)
                {
                    var partial = buffer.Score[other];
                    buffer.Score[other] = 0;
                    if (partial < proposeAt) continue;
                    var similarity = vectors.Cosine(d, other);
                    if (similarity < minSimilarity) continue;
                    similarity *= pairFactor(d, other);
                    if (similarity >= minSimilarity) hits.Add((other, similarity));
                }
                buffer.Touched.Clear();
                found[d] = hits.OrderByDescending(h => h.Similarity).ThenBy(h => h.Other).Take(maxNeighbours).ToArray();
                return buffer;
            },
            _ => { });

        // Either side's choice makes an edge; the similarity is symmetric, so the union is deterministic.
        var pairs = new HashSet<(int, int)>();
        var edges = new List<(int A, int B, double Similarity)>();
        for (var d = 0; d < n; d++)
        {
            foreach (var (other, similarity) in found[d])
            {
                var key = d < other ? (d, other) : (other, d);
                if (pairs.Add(key)) edges.Add((key.Item1, key.Item2, similarity));
            }
        }
        return edges;
    }
}
