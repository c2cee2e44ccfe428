using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Procurement.Domain.Merging;

/// <summary>
/// The clusters of two items or more as rows, in order of their first node: each row's nodes (ascending), the row of
/// each such cluster's label, and every label's size in items (identical texts collapsed into a node count each).
/// </summary>
internal sealed record ClusterRows(List<List<int>> Members, Dictionary<int, int> RowOf, Dictionary<int, long> Size)
{
    public static ClusterRows Of(int[] label, int[] weights)
    {
        var size = new Dictionary<int, long>();
        for (var i = 0; i < label.Length; i++) size[label[i]] = size.GetValueOrDefault(label[i]) + weights[i];
        var rowOf = new Dictionary<int, int>();
        var members = new List<List<int>>();
        for (var i = 0; i < label.Length; i++)
        {
            if (size[label[i]] < 2) continue;
            if (!rowOf.TryGetValue(label[i], out var r))
            {
                rowOf[label[i]] = r = members.Count;
                members.Add([]);
            }
            members[r].Add(i);
        }
        return new ClusterRows(members, rowOf, size);
    }
}

/// <summary>
/// The centroids of some clusters, one sparse row per cluster (memory grows with the terms the members use, not
/// with clusters × vocabulary). The same sums as adding the members in node order, and the squared norm summed
/// over the terms in the order they first occur, so the cosines are the same to the last bit.
/// </summary>
internal sealed class Centroids
{
    private readonly TermVectors vectors;
    private readonly Dictionary<int, double>[] sum;
    private readonly double[] normSquared;

    /// <param name="vectors">The documents' vectors.</param>
    /// <param name="membersOfRow">Per row (cluster) its documents, ascending.</param>
    /// <param name="weights">Per document the number of items it stands for.</param>
    /// <param name="cancellationToken">Stops the work between rows.</param>
    public Centroids(TermVectors vectors, List<List<int>> membersOfRow, int[] weights, CancellationToken cancellationToken)
    {
        this.vectors = vectors;
        sum = new Dictionary<int, double>[membersOfRow.Count];
        normSquared = new double[membersOfRow.Count];
        // Each row summed in a dense scratch array and then copied out once per distinct term: a cluster's members
        // mostly share their terms, so this is far fewer map insertions than one per occurrence. The map gets its
        // terms in the order they first occur (the order the norm, Dot and Absorb go through them).
        Parallel.For(0, membersOfRow.Count, new ParallelOptions { CancellationToken = cancellationToken },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r) =>
        {
            var scratch = Scratch.ForThisThread(vectors.Names.Length);
            var (dense, order) = (scratch.Dense, scratch.Order);
            Dictionary<int, double> row;
            double norm = 0;
            try
            {
                foreach (var doc in membersOfRow[r])
                {
                    var terms = vectors.Terms[doc];
                    var w = vectors.Weights[doc];
                    for (var k = 0; k < terms.Length; k++)
                    {
                        scratch.Note(terms[k]);
                        dense[terms[k]] += weights[doc] * w[k];
                    }
                }
                row = new Dictionary<int, double>(order.Count);
                foreach (var t in order)
                {
                    var v = dense[t];
                    row.Add(t, v);
                    norm += v * v;
                }
            }
            finally
            {
                scratch.Clear();
            }
            sum[r] = row;
            normSquared[r] = norm;
        });
    }

    /// <summary>
    /// A thread's dense sum and the terms it has touched, in first-touched order, kept between uses (a cluster is
    /// summed in time of its own terms, not of the vocabulary). Zero again after <see cref="Clear"/>. Each worker thread
    /// keeps 12 bytes per term of the largest vocabulary it has seen (3,161 n-grams for 20,000 demo needs).
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        public double[] Dense { get; private set; } = [];

        public List<int> Order { get; } = [];

        // A term is in Order when its stamp is the current one: no clearing of the whole array between rows.
        private int[] stamps = [];
        private int stamp = 1;

        public static Scratch ForThisThread(int vocabulary)
        {
            var scratch = current ??= new Scratch();
            if (scratch.Dense.Length < vocabulary)
            {
                scratch.Dense = new double[vocabulary];
                scratch.stamps = new int[vocabulary];
                scratch.stamp = 1;
            }
            return scratch;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Note(int term)
        {
            if (stamps[term] == stamp) return;
            stamps[term] = stamp;
            Order.Add(term);
        }

        public void Clear()
        {
            foreach (var t in Order) Dense[t] = 0;
            Order.Clear();
            if (++stamp == int.MaxValue)
            {
                Array.Clear(stamps);
                stamp = 1;
            }
        }
    }

    /// <summary>The squared length of a row's sum.</summary>
    public double NormSquared(int row) => normSquared[row];

    /// <summary>Cosine of a document with a row's centroid after taking <paramref name="self"/> copies of it out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Cosine(int row, int doc, int self)
    {
        var terms = vectors.Terms[doc];
        var w = vectors.Weights[doc];
        var centroid = sum[row];
        double dot = 0, own = 0;
        for (var k = 0; k < terms.Length; k++)
        {
            own += w[k] * w[k];
            // A term the centroid lacks adds 0 * w = +0, which leaves the sum as it is.
            dot += w[k] * centroid.GetValueOrDefault(terms[k]);
        }
        var dotRest = dot - self * own;
        var normSquaredRest = normSquared[row] - 2 * self * dot + (double)self * self * own;
        return normSquaredRest <= 1e-12 || own == 0 ? 0 : dotRest / Math.Sqrt(normSquaredRest * own);
    }

    /// <summary>
    /// The dot product of two rows' sums: the sum of the cosines of every pair of one document of each (each
    /// weighted by the items it stands for). The smaller row's terms are looked up in the larger.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Dot(int rowA, int rowB)
    {
        var (small, large) = sum[rowA].Count <= sum[rowB].Count ? (sum[rowA], sum[rowB]) : (sum[rowB], sum[rowA]);
        double dot = 0;
        foreach (var (term, value) in small)
        {
            if (large.TryGetValue(term, out var other)) dot += value * other;
        }
        return dot;
    }

    /// <summary>Adds row <paramref name="from"/> into row <paramref name="into"/> (the centroid of the two groups together).</summary>
    public void Absorb(int into, int from)
    {
        var target = sum[into];
        var norm = normSquared[into];
        foreach (var (term, value) in sum[from])
        {
            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(target, term, out _);
            norm += (2 * cell + value) * value;
            cell += value;
        }
        sum[from] = [];
        normSquared[into] = norm;
        normSquared[from] = 0;
    }
}

/// <summary>The same as <see cref="Centroids"/> for dense vectors (the latent space).</summary>
internal sealed class DenseCentroid(int dimensions)
{
    private readonly double[] sum = new double[dimensions];
    private double normSquared;

    public void Add(double[] vector, int weight)
    {
        for (var k = 0; k < sum.Length; k++) sum[k] += weight * vector[k];
    }

    public void Finish() => normSquared = sum.Sum(v => v * v);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Cosine(double[] vector, int self)
    {
        double dot = 0, own = 0;
        for (var k = 0; k < sum.Length; k++)
        {
            own += vector[k] * vector[k];
            dot += vector[k] * sum[k];
        }
        var dotRest = dot - self * own;
        var normRest = normSquared - 2 * self * dot + (double)self * self * own;
        return normRest <= 1e-12 || own == 0 ? 0 : dotRest / Math.Sqrt(normRest * own);
    }
}
