using System.Runtime.CompilerServices;
using System.Numerics;

namespace Procurement.Domain.Merging;

/// <summary>
/// Truncated singular value decomposition of a sparse matrix by a randomized range finder (Halko, Martinsson and
/// Tropp 2011): a Gaussian test matrix from a fixed seed, a few power iterations with re-orthonormalisation, then
/// the small problem solved exactly (Jacobi eigen-decomposition of B·Bᵀ). Every product is computed row by row in
/// a fixed order, so the result is the same on every run and any number of cores.
/// </summary>
internal static class TruncatedSvd
{
    /// <summary>The truncated factors: U (rows × rank, row-major), the singular values (descending) and V (columns × rank, row-major; empty rows when not asked for).</summary>
    public sealed record Result(double[][] U, double[] Values, double[][] V);

    /// <summary>
    /// Decomposes the sparse matrix whose row <c>i</c> has <paramref name="weights"/>[i] at <paramref name="columns"/>[i]
    /// (<paramref name="columnCount"/> columns).
    /// </summary>
    public static Result Compute(int[][] columns, double[][] weights, int columnCount, int rank, int powerIterations = 2,
        int oversampling = 10, int seed = 12345, bool computeV = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(weights);
        var rows = columns.Length;
        rank = Math.Max(0, Math.Min(rank, Math.Min(rows, columnCount)));
        var m = Math.Min(rank + oversampling, Math.Min(rows, columnCount));
        if (rank == 0) return new Result(Jagged(rows, 0), [], Jagged(columnCount, 0));

        var transposed = Transpose(columns, weights, columnCount);

        // Ω: columnCount × m Gaussian, stored column-major (m arrays of columnCount).
        var random = new Random(seed);
        var omega = new double[m][];
        for (var c = 0; c < m; c++)
        {
            omega[c] = new double[columnCount];
            for (var i = 0; i < columnCount; i++) omega[c][i] = Gaussian(random);
        }

        // Y = A Ω (rows × m), column-major.
        var y = Multiply(columns, weights, omega, rows);
        Orthonormalise(y);
        for (var p = 0; p < powerIterations; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var z = Multiply(transposed.Columns, transposed.Weights, y, columnCount);
            Orthonormalise(z);
            y = Multiply(columns, weights, z, rows);
            Orthonormalise(y);
        }
        cancellationToken.ThrowIfCancellationRequested();

        // B = Qᵀ A (m × columnCount); Bᵀ = Aᵀ Q is columnCount × m, column-major: bt[c] is row c of B.
        var b = Multiply(transposed.Columns, transposed.Weights, y, columnCount);
        var gram = new double[m, m];
        for (var i = 0; i < m; i++)
        {
            for (var j = i; j < m; j++) gram[i, j] = gram[j, i] = Dot(b[i], b[j]);
        }
        var (values, vectors) = JacobiEigen(gram);

        // A ≈ Q B = Q W S Vᵀ with B Bᵀ = W S² Wᵀ: U = Q W, V = Bᵀ W S⁻¹.
        var order = Enumerable.Range(0, m).OrderByDescending(i => values[i]).ThenBy(i => i).Take(rank).ToArray();
        var singular = order.Select(i => Math.Sqrt(Math.Max(0, values[i]))).ToArray();
        var u = Jagged(rows, rank);
        var v = Jagged(columnCount, computeV ? rank : 0);
        // U row by row (each entry still sums its products in the order of i), in parallel: a row's entries are
        // written together instead of one column of all rows at a time.
        Parallel.For(0, rows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int row) =>
        {
            var target = u[row];
            for (var r = 0; r < rank; r++)
            {
                var e = order[r];
                var sum = 0.0;
                for (var i = 0; i < m; i++)
                {
                    var w = vectors[i, e];
                    if (w == 0) continue;
                    sum += y[i][row] * w;
                }
                target[r] = sum;
            }
        });
        for (var r = 0; r < rank; r++)
        {
            var e = order[r];
            for (var i = 0; i < m; i++)
            {
                var w = vectors[i, e];
                if (w == 0) continue;
                if (computeV && singular[r] > 1e-12)
                {
                    var bi = b[i];
                    var scale = w / singular[r];
                    for (var c = 0; c < columnCount; c++) v[c][r] += bi[c] * scale;
                }
            }
        }
        return new Result(u, singular, v);
    }

    private static double[][] Jagged(int rows, int cols)
    {
        var a = new double[rows][];
        for (var i = 0; i < rows; i++) a[i] = new double[cols];
        return a;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static (int[][] Columns, double[][] Weights) Transpose(int[][] columns, double[][] weights, int columnCount)
    {
        var counts = new int[columnCount];
        foreach (var row in columns)
        {
            foreach (var c in row) counts[c]++;
        }
        var tc = new int[columnCount][];
        var tw = new double[columnCount][];
        for (var c = 0; c < columnCount; c++)
        {
            tc[c] = new int[counts[c]];
            tw[c] = new double[counts[c]];
        }
        var fill = new int[columnCount];
        for (var r = 0; r < columns.Length; r++)
        {
            var row = columns[r];
            for (var k = 0; k < row.Length; k++)
            {
                var c = row[k];
                tc[c][fill[c]] = r;
                tw[c][fill[c]++] = weights[r][k];
            }
        }
        return (tc, tw);
    }

    /// <summary>S · X for a sparse S (rows given) and a dense X stored column-major; the result is column-major too.</summary>
    private static double[][] Multiply(int[][] columns, double[][] weights, double[][] x, int rows)
    {
        var m = x.Length;
        var inner = m == 0 ? 0 : x[0].Length;
        // Row-major copies keep each sparse entry's m numbers together in memory.
        var xRows = new double[inner * m];
        for (var j = 0; j < m; j++)
        {
            var xj = x[j];
            for (var i = 0; i < inner; i++) xRows[i * m + j] = xj[i];
        }
        var resultRows = new double[rows * m];
        Parallel.For(0, rows, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (int r) =>
        {
            var cols = columns[r];
            var w = weights[r];
            var target = resultRows.AsSpan(r * m, m);
            for (var k = 0; k < cols.Length; k++)
            {
                var source = xRows.AsSpan(cols[k] * m, m);
                var wk = w[k];
                // Element by element as the scalar loop (a product, then a sum: no fused multiply-add).
                var j = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var wv = new Vector<double>(wk);
                    for (; j <= m - Vector<double>.Count; j += Vector<double>.Count)
                        (new Vector<double>(target[j..]) + wv * new Vector<double>(source[j..])).CopyTo(target[j..]);
                }
                for (; j < m; j++) target[j] += wk * source[j];
            }
        });
        var result = Jagged(m, rows);
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < m; j++) result[j][r] = resultRows[r * m + j];
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(double[] a, double[] b)
    {
        var width = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width) acc += new Vector<double>(a, i) * new Vector<double>(b, i);
        var sum = Vector.Sum(acc);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>y -= d·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SubtractScaled(double[] y, double d, double[] x)
    {
        var width = Vector<double>.Count;
        var scale = new Vector<double>(d);
        var i = 0;
        for (; i <= y.Length - width; i += width) (new Vector<double>(y, i) - scale * new Vector<double>(x, i)).CopyTo(y, i);
        for (; i < y.Length; i++) y[i] -= d * x[i];
    }

    /// <summary>Modified Gram–Schmidt, twice ("twice is enough"), on the columns; a dependent column becomes zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Orthonormalise(double[][] q)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var j = 0; j < q.Length; j++)
            {
                var qj = q[j];
                for (var i = 0; i < j; i++)
                {
                    var qi = q[i];
                    var d = Dot(qi, qj);
                    if (d == 0) continue;
                    SubtractScaled(qj, d, qi);
                }
                var norm = Math.Sqrt(Dot(qj, qj));
                if (norm < 1e-10) Array.Clear(qj);
                else
                {
                    for (var k = 0; k < qj.Length; k++) qj[k] /= norm;
                }
            }
        }
    }

    /// <summary>Cyclic Jacobi eigen-decomposition of a symmetric matrix: eigenvalues and eigenvectors (columns).</summary>
    internal static (double[] Values, double[,] Vectors) JacobiEigen(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    total += a[i, j] * a[i, j];
                    if (i != j) off += a[i, j] * a[i, j];
                }
            }
            if (off <= 1e-30 * Math.Max(total, 1e-300)) break;
            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[p, q];
                    if (Math.Abs(apq) < 1e-300) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = a[i, i];
        return (values, v);
    }
}
