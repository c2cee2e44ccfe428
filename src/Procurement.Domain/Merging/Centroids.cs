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
        Parallel.For(0, membersOfRow.Count, new ParallelOptions { CancellationToken = cancellationToken },
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r) =>
        {
            var row = new Dictionary<int, double>();
            var order = new List<int>();
            foreach (var doc in membersOfRow[r])
            {
                var terms = vectors.Terms[doc];
                var w = vectors.Weights[doc];
                for (var k = 0; k < terms.Length; k++)
                {
                    ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(row, terms[k], out var existed);
                    if (!existed) order.Add(terms[k]);
                    cell += weights[doc] * w[k];
                }
            }
            double norm = 0;
            foreach (var t in order)
            {
                var v = row[t];
                norm += v * v;
            }
            sum[r] = row;
            normSquared[r] = norm;
        });
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
