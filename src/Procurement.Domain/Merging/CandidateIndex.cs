using System.Runtime.CompilerServices;
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
    public const int DefaultExactFactor = 4;

    /// <summary>Share of the least similarity that the rare terms alone must reach for a text to be proposed.</summary>
    internal const double ProposeShare = 0.5;

    /// <summary>The highest document frequency of a rare term (one that proposes): 5 % of the texts, at least 20.</summary>
    internal static int MaxDf(int texts) => Math.Max(20, (int)(0.05 * texts));

    /// <summary>
    /// Neighbours of every document with their similarity, at least <paramref name="minSimilarity"/>, at most
    /// <paramref name="maxNeighbours"/> each, as pairs (a &lt; b); and the pairs that are alike but vetoed by a
    /// contrast (factor 0), which must never share a cluster.
    /// </summary>
    public static (List<(int A, int B, double Similarity)> Edges, List<(int A, int B)> Vetoes) Neighbours(PairScorer scorer,
        double minSimilarity, int maxNeighbours, CancellationToken cancellationToken, Action<string>? phase = null,
        int exactFactor = DefaultExactFactor)
    {
        var vectors = scorer.Words;
        var n = vectors.Count;
        var allPairs = n <= AllPairsLimit;
        var maxDf = MaxDf(n);
        // Postings of the rare terms, flat: term t's are at start[t]..start[t + 1], in document order.
        var start = new int[vectors.Names.Length + 1];
        var postDoc = Array.Empty<int>();
        var postWeight = Array.Empty<double>();
        if (!allPairs)
        {
            for (var t = 0; t < vectors.Names.Length; t++)
            {
                var df = vectors.Df[t];
                start[t + 1] = start[t] + (df < 2 || df > maxDf ? 0 : df);
            }
            postDoc = new int[start[^1]];
            postWeight = new double[start[^1]];
            var fill = start[..^1];
            for (var d = 0; d < n; d++)
            {
                var terms = vectors.Terms[d];
                var weights = vectors.Weights[d];
                for (var k = 0; k < terms.Length; k++)
                {
                    var t = terms[k];
                    if (start[t + 1] == start[t]) continue;
                    postDoc[fill[t]] = d;
                    postWeight[fill[t]++] = weights[k];
                }
            }
        }
        // The rare terms' share of the cosine must reach this before the exact score is worth computing.
        var proposeAt = minSimilarity * ProposeShare;
        var exactLimit = (int)Math.Min(int.MaxValue, (long)exactFactor * maxNeighbours);
        var grams = scorer.Grams;

        var found = new (int Other, double Similarity)[n][];
        var vetoed = new List<int>?[n];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        // Documents visited and laid out in memory grouped by their common rare terms, so that the candidates of
        // consecutive documents (mostly the same few texts) stay in the cache. Only speed depends on this order:
        // every document's result is computed on its own and stored by its id.
        var order = Grouped(vectors, maxDf);
        var words = new Packed(vectors, order);
        var gramVectors = grams is null ? null : new Packed(grams, order);
        if (allPairs)
        {
            Parallel.For(0, n, options, () => new Buffer(0, vectors.Names.Length, grams?.Names.Length ?? 0), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (d, _, buffer) =>
            {
                words.Scatter(d, buffer.Words);
                gramVectors?.Scatter(d, buffer.Grams);
                var hits = buffer.Hits;
                hits.Clear();
                for (var other = d + 1; other < n; other++)
                {
                    Keep(d, other, Exact(other, buffer), hits);
                }
                words.Clear(d, buffer.Words);
                gramVectors?.Clear(d, buffer.Grams);
                found[d] = [.. hits];
                return buffer;
            }, _ => { });
        }
        else
        {
            // Each document's proposals (the texts that share enough rare terms with it, the best few by that share),
            // each scored exactly (before contrasts) and taken in the proposal order (as the vetoes are recorded). A
            // pair both sides propose is scored twice, to the same bits (the same products, summed in the same term
            // order): finding the partner's score would cost more than the score.
            Parallel.For(0, n, options, () => new Buffer(n, vectors.Names.Length, grams?.Names.Length ?? 0), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i, _, buffer) =>
            {
                var d = order[i];
                var proposals = Propose(d, buffer);
                var hits = buffer.Hits;
                hits.Clear();
                words.Scatter(d, buffer.Words);
                gramVectors?.Scatter(d, buffer.Grams);
                foreach (var other in proposals) Keep(d, other, Exact(other, buffer), hits);
                words.Clear(d, buffer.Words);
                gramVectors?.Clear(d, buffer.Grams);
                found[d] = Best(hits, maxNeighbours);
                return buffer;
            }, _ => { });
        }

        phase?.Invoke("neighbours");
        // Either side's choice makes an edge; the similarity is symmetric, so the union is deterministic. Edges in
        // the order of their first choice going through the documents in id order: a pair (a < b) comes with a's
        // neighbours if a chose b, else with b's. Whether the lower side chose too is looked up in parallel.
        var chosenByLower = new bool[n][];
        Parallel.For(0, n, options, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int d) =>
        {
            var mine = found[d];
            var flags = new bool[mine.Length];
            for (var k = 0; k < mine.Length; k++)
            {
                var other = mine[k].Other;
                if (other >= d) continue;
                foreach (var (back, _) in found[other])
                {
                    if (back == d)
                    {
                        flags[k] = true;
                        break;
                    }
                }
            }
            chosenByLower[d] = flags;
        });
        var edgeCount = 0;
        for (var d = 0; d < n; d++)
        {
            foreach (var chosen in chosenByLower[d]) if (!chosen) edgeCount++;
        }
        var edges = new List<(int A, int B, double Similarity)>(edgeCount);
        var vetoes = new List<(int A, int B)>();
        for (var d = 0; d < n; d++)
        {
            var mine = found[d];
            var flags = chosenByLower[d];
            for (var k = 0; k < mine.Length; k++)
            {
                var (other, similarity) = mine[k];
                if (flags[k]) continue;
                edges.Add(d < other ? (d, other, similarity) : (other, d, similarity));
            }
            if (vetoed[d] is { } list)
            {
                foreach (var o in list) vetoes.Add((d, o));
            }
        }
        return (edges, vetoes);

        // The blended cosine (without contrasts) of a document with the one spread out in the buffer.
        double Exact(int other, Buffer buffer) => scorer.Blend(words.Dot(other, buffer.Words), gramVectors?.Dot(other, buffer.Grams) ?? 0);

        // A scored pair: kept when similar enough after contrasts; recorded as a veto when a contrast rules it out.
        void Keep(int d, int other, double similarity, List<(int Other, double Similarity)> hits)
        {
            if (similarity < minSimilarity) return;
            var factor = scorer.Contrasts.Factor(scorer.Taking[d], scorer.Taking[other]);
            if (factor == 0 && d < other) (vetoed[d] ??= []).Add(other);
            similarity *= factor;
            if (similarity >= minSimilarity) hits.Add((other, similarity));
        }

        // Candidates by their share of the rare terms; only the most promising get an exact score: that share
        // ranks them well enough that the best neighbours are among the first few times as many as are kept.
        // Returned in the order first reached, as a list of the buffer's.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        List<int> Propose(int d, Buffer buffer)
        {
            var score = buffer.Score;
            var touched = buffer.Touched;
            var count = 0;
            var terms = vectors.Terms[d];
            var weights = vectors.Weights[d];
            for (var k = 0; k < terms.Length; k++)
            {
                var t = terms[k];
                var w = weights[k];
                for (var p = start[t]; p < start[t + 1]; p++)
                {
                    var other = postDoc[p];
                    var product = w * postWeight[p];
                    // A zero product (a part weighing 0) says nothing, and would leave a text touched but at 0.
                    if (other == d || product == 0) continue;
                    if (score[other] == 0) touched[count++] = other;
                    score[other] += product;
                }
            }
            // Those whose share reaches proposeAt, kept in place with their shares.
            var partials = buffer.Partials;
            var kept = 0;
            for (var k = 0; k < count; k++)
            {
                var other = touched[k];
                var partial = score[other];
                score[other] = 0;
                if (!(partial >= proposeAt)) continue;
                touched[kept] = other;
                partials[kept++] = partial;
            }
            var chosen = buffer.Chosen;
            chosen.Clear();
            if (kept <= exactLimit)
            {
                for (var k = 0; k < kept; k++) chosen.Add(touched[k]);
                return chosen;
            }
            // The exactLimit-th largest share, then ties at it by id.
            var cut = KthLargest(partials.AsSpan(0, kept), exactLimit - 1, buffer.Histogram, buffer.Scratch);
            var ties = buffer.Ties;
            ties.Clear();
            for (var k = 0; k < kept; k++)
            {
                if (partials[k] > cut) chosen.Add(touched[k]);
                else if (partials[k] == cut) ties.Add(touched[k]);
            }
            ties.Sort();
            for (var k = 0; k < ties.Count && chosen.Count < exactLimit; k++) chosen.Add(ties[k]);
            return chosen;
        }
    }

    /// <summary>One worker's scratch space, reused from document to document.</summary>
    private sealed class Buffer(int docs, int words, int grams)
    {
        public readonly double[] Score = new double[docs];
        public readonly int[] Touched = new int[docs];
        public readonly double[] Partials = new double[docs];
        public readonly int[] Histogram = new int[HistogramBuckets];
        public readonly List<double> Scratch = [];
        public readonly List<int> Chosen = [];
        public readonly List<int> Ties = [];
        public readonly List<(int Other, double Similarity)> Hits = [];
        public readonly double[] Words = new double[words];
        public readonly double[] Grams = new double[grams];
    }

    /// <summary>
    /// The documents ordered by their two most common rare terms (document frequency 2..<paramref name="maxDf"/>),
    /// then by id: texts about the same need, which propose each other, end up next to each other.
    /// </summary>
    private static int[] Grouped(TermVectors vectors, int maxDf)
    {
        var n = vectors.Count;
        var keys = new (int First, int Second, int Doc)[n];
        for (var d = 0; d < n; d++)
        {
            int first = -1, second = -1;
            foreach (var t in vectors.Terms[d])
            {
                var df = vectors.Df[t];
                if (df < 2 || df > maxDf) continue;
                if (first < 0 || df > vectors.Df[first]) (first, second) = (t, first);
                else if (second < 0 || df > vectors.Df[second]) second = t;
            }
            keys[d] = (first, second, d);
        }
        Array.Sort(keys);
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = keys[i].Doc;
        return order;
    }

    /// <summary>
    /// The <paramref name="keep"/> best hits, most similar first, then by id: a total order, so they do not depend
    /// on how they are found. By insertion into a short sorted array (most hits never get in).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Other, double Similarity)[] Best(List<(int Other, double Similarity)> hits, int keep)
    {
        var best = new (int Other, double Similarity)[Math.Min(keep, hits.Count)];
        var count = 0;
        foreach (var hit in hits)
        {
            if (count == best.Length && !Before(hit, best[count - 1])) continue;
            var at = count < best.Length ? count++ : count - 1;
            while (at > 0 && Before(hit, best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = hit;
        }
        return best;

        static bool Before((int Other, double Similarity) x, (int Other, double Similarity) y) =>
            x.Similarity > y.Similarity || (x.Similarity == y.Similarity && x.Other < y.Other);
    }

    /// <summary>
    /// Term vectors in flat arrays. Where every weight is its term's idf over the document's norm (character n-grams:
    /// no compound parts), only the term ids are kept and each weight is computed again, to the same bits, when it
    /// is read: the exact scores read millions of entries at random, and a third of the memory is a third of the
    /// cache misses. Otherwise each entry's term id sits next to its weight.
    /// </summary>
    private sealed class Packed
    {
        private readonly int[] start;
        private readonly int[] end;
        private readonly int[] terms;
        private readonly (int Term, double Weight)[]? entries;
        private readonly double[] idf;
        private readonly double[] norms;

        /// <param name="vectors">The vectors.</param>
        /// <param name="order">The order in which the documents are laid out.</param>
        public Packed(TermVectors vectors, int[] order)
        {
            start = new int[vectors.Count];
            end = new int[vectors.Count];
            var at = 0;
            foreach (var d in order)
            {
                start[d] = at;
                at += vectors.Terms[d].Length;
                end[d] = at;
            }
            idf = vectors.Idf;
            norms = vectors.Norms;
            terms = new int[at];
            var derived = true;
            for (var d = 0; d < vectors.Count; d++)
            {
                var docTerms = vectors.Terms[d];
                var weights = vectors.Weights[d];
                var norm = norms[d];
                for (var k = 0; k < docTerms.Length; k++)
                {
                    terms[start[d] + k] = docTerms[k];
                    if (norm <= 0 || weights[k] != idf[docTerms[k]] / norm) derived = false;
                }
            }
            if (derived) return;
            entries = new (int, double)[at];
            for (var d = 0; d < vectors.Count; d++)
            {
                var docTerms = vectors.Terms[d];
                var weights = vectors.Weights[d];
                for (var k = 0; k < docTerms.Length; k++) entries[start[d] + k] = (docTerms[k], weights[k]);
            }
        }

        public void Scatter(int doc, double[] dense)
        {
            for (var k = start[doc]; k < end[doc]; k++) dense[terms[k]] = Weight(doc, k);
        }

        public void Clear(int doc, double[] dense)
        {
            for (var k = start[doc]; k < end[doc]; k++) dense[terms[k]] = 0;
        }

        private double Weight(int doc, int k) => entries is null ? idf[terms[k]] / norms[doc] : entries[k].Weight;

        /// <summary>
        /// The cosine of a document with the one spread out in <paramref name="dense"/> (terms it lacks add 0),
        /// the products added in term order as in <see cref="TermVectors.Cosine"/>, so the sums are the same.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Dot(int doc, double[] dense)
        {
            double sum = 0;
            var stop = end[doc];
            if (entries is null)
            {
                var norm = norms[doc];
                for (var k = start[doc]; k < stop; k++)
                {
                    var t = terms[k];
                    sum += dense[t] * (idf[t] / norm);
                }
            }
            else
            {
                for (var k = start[doc]; k < stop; k++) sum += dense[entries[k].Term] * entries[k].Weight;
            }
            return sum;
        }
    }

    internal const int HistogramBuckets = 1024;

    /// <summary>
    /// The value that would be at index <paramref name="k"/> if <paramref name="values"/> (shares of a cosine, 0..1)
    /// were sorted descending. Counted into equal-width buckets first, so that only the values of the bucket that
    /// holds it are selected among: a few instead of a thousand. <paramref name="histogram"/> (<see cref="HistogramBuckets"/>
    /// zeros) is left zeroed; <paramref name="scratch"/> is overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double KthLargest(ReadOnlySpan<double> values, int k, int[] histogram, List<double> scratch)
    {
        foreach (var value in values) histogram[BucketOf(value)]++;
        int bucket = HistogramBuckets - 1, above = 0;
        while (above + histogram[bucket] <= k) above += histogram[bucket--];
        Array.Clear(histogram);
        scratch.Clear();
        foreach (var value in values)
        {
            if (BucketOf(value) == bucket) scratch.Add(value);
        }
        return QuickSelect(CollectionsMarshal.AsSpan(scratch), k - above);

        // Ascending with the value; whatever rounding puts past 0..1 goes to the end buckets (NaN, which no share is, to 0).
        static int BucketOf(double value) => value <= 0 ? 0 : value >= 1 ? HistogramBuckets - 1 : (int)(value * (HistogramBuckets - 1));
    }

    /// <summary>The value that would be at index <paramref name="k"/> if <paramref name="values"/> were sorted descending (reorders them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double QuickSelect(Span<double> values, int k)
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
