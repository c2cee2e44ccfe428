using System.Runtime.InteropServices;

namespace Procurement.Domain.Merging;

/// <summary>
/// Finds each document's likely neighbours. Small corpora (up to <see cref="AllPairsLimit"/> distinct texts) are
/// scored exhaustively; larger ones through an inverted index over the terms that are rare enough to say
/// something (document frequency under a cut-off), and only proposed pairs get an exact score.
/// </summary>
internal static class CandidateIndex
{
    public const int AllPairsLimit = 2500;

    /// <summary>Proposals per document that get an exact score, as a multiple of the neighbours kept.</summary>
    public const int ExactFactor = 4;

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
        var exactLimit = ExactFactor * maxNeighbours;
        var grams = scorer.Grams;
        var gramWeight = scorer.GramWeight;

        var found = new (int Other, double Similarity)[n][];
        var vetoed = new List<int>?[n];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, n, options,
            () => (Score: new double[n], Touched: new List<int>(), Proposals: new List<(double Partial, int Other)>(), Scratch: new List<double>(),
                Words: new double[vectors.Names.Length], Grams: new double[grams?.Names.Length ?? 0]),
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
                if (!allPairs)
                {
                    // Only the most promising proposals get an exact score: the rare terms' share ranks them well
                    // enough that the best neighbours are among the first few times as many as are kept.
                    var proposals = buffer.Proposals;
                    proposals.Clear();
                    foreach (var other in buffer.Touched)
                    {
                        var partial = buffer.Score[other];
                        buffer.Score[other] = 0;
                        if (partial >= proposeAt) proposals.Add((partial, other));
                    }
                    buffer.Touched.Clear();
                    if (proposals.Count > exactLimit)
                    {
                        // The exactLimit-th largest share by selection (linear), then ties at it by id.
                        var scratch = buffer.Scratch;
                        scratch.Clear();
                        foreach (var (partial, _) in proposals) scratch.Add(partial);
                        var cut = KthLargest(CollectionsMarshal.AsSpan(scratch), exactLimit - 1);
                        var ties = new List<int>();
                        foreach (var (partial, other) in proposals)
                        {
                            if (partial > cut) buffer.Touched.Add(other);
                            else if (partial == cut) ties.Add(other);
                        }
                        ties.Sort();
                        buffer.Touched.AddRange(ties.Take(exactLimit - buffer.Touched.Count));
                    }
                    else
                    {
                        foreach (var (_, other) in proposals) buffer.Touched.Add(other);
                    }
                }
                // The document's vectors spread out densely, so that each candidate's cosine is one pass over its
                // own terms; the products are added in term order as in TermVectors.Cosine, so the sums are the same.
                Scatter(vectors, d, buffer.Words);
                if (grams is not null) Scatter(grams, d, buffer.Grams);
                foreach (var other in buffer.Touched)
                {
                    var similarity = grams is null
                        ? Dot(vectors, other, buffer.Words)
                        : (1 - gramWeight) * Dot(vectors, other, buffer.Words) + gramWeight * Dot(grams, other, buffer.Grams);
                    if (similarity < minSimilarity) continue;
                    var factor = scorer.Factor(d, other);
                    if (factor == 0 && d < other) (vetoed[d] ??= []).Add(other);
                    similarity *= factor;
                    if (similarity >= minSimilarity) hits.Add((other, similarity));
                }
                Clear(vectors, d, buffer.Words);
                if (grams is not null) Clear(grams, d, buffer.Grams);
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

    private static void Scatter(TermVectors vectors, int doc, double[] dense)
    {
        var terms = vectors.Terms[doc];
        var weights = vectors.Weights[doc];
        for (var k = 0; k < terms.Length; k++) dense[terms[k]] = weights[k];
    }

    private static void Clear(TermVectors vectors, int doc, double[] dense)
    {
        foreach (var t in vectors.Terms[doc]) dense[t] = 0;
    }

    /// <summary>The cosine of a document with the one spread out in <paramref name="dense"/> (terms it lacks add 0).</summary>
    private static double Dot(TermVectors vectors, int doc, double[] dense)
    {
        var terms = vectors.Terms[doc];
        var weights = vectors.Weights[doc];
        double sum = 0;
        for (var k = 0; k < terms.Length; k++) sum += dense[terms[k]] * weights[k];
        return sum;
    }

    /// <summary>The value that would be at index <paramref name="k"/> if <paramref name="values"/> were sorted descending (reorders them).</summary>
    private static double KthLargest(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = values[lo + ((hi - lo) >> 1)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] > pivot) i++;
                while (values[j] < pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        return values[k];
    }
}
