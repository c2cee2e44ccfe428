using Procurement.Domain.Merging;

namespace Procurement.Domain.Tests.Merging;

public sealed class TruncatedSvdTests
{
    [Fact]
    public void Reconstructs_a_low_rank_matrix_and_is_deterministic()
    {
        var random = new Random(7);
        const int rows = 60, cols = 40, rank = 3;
        var left = new double[rows, rank];
        var right = new double[rank, cols];
        for (var i = 0; i < rows; i++) for (var r = 0; r < rank; r++) left[i, r] = random.NextDouble() - 0.5;
        for (var r = 0; r < rank; r++) for (var j = 0; j < cols; j++) right[r, j] = random.NextDouble() - 0.5;
        var columns = new int[rows][];
        var weights = new double[rows][];
        var dense = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            columns[i] = Enumerable.Range(0, cols).ToArray();
            weights[i] = new double[cols];
            for (var j = 0; j < cols; j++)
            {
                for (var r = 0; r < rank; r++) dense[i, j] += left[i, r] * right[r, j];
                weights[i][j] = dense[i, j];
            }
        }
        var svd = TruncatedSvd.Compute(columns, weights, cols, rank);
        double error = 0;
        for (var i = 0; i < rows; i++)
        for (var j = 0; j < cols; j++)
        {
            double x = 0;
            for (var r = 0; r < rank; r++) x += svd.U[i][r] * svd.Values[r] * svd.V[j][r];
            error = Math.Max(error, Math.Abs(x - dense[i, j]));
        }
        Assert.True(error < 1e-9, $"max error {error}");
        Assert.True(svd.Values[0] >= svd.Values[1] && svd.Values[1] >= svd.Values[2]);
        var again = TruncatedSvd.Compute(columns, weights, cols, rank);
        Assert.Equal(svd.Values, again.Values);
    }

    [Fact]
    public void Sparse_input_gives_orthonormal_left_vectors_and_the_same_result_every_time()
    {
        var random = new Random(3);
        const int rows = 200, cols = 120;
        var columns = new int[rows][];
        var weights = new double[rows][];
        for (var i = 0; i < rows; i++)
        {
            columns[i] = Enumerable.Range(0, cols).Where(_ => random.NextDouble() < 0.05).ToArray();
            weights[i] = columns[i].Select(_ => random.NextDouble()).ToArray();
        }
        var svd = TruncatedSvd.Compute(columns, weights, cols, 10, powerIterations: 3, computeV: false);
        for (var a = 0; a < 10; a++)
        {
            for (var b = 0; b < 10; b++)
            {
                var dot = Enumerable.Range(0, rows).Sum(i => svd.U[i][a] * svd.U[i][b]);
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 9);
            }
        }
        var again = TruncatedSvd.Compute(columns, weights, cols, 10, powerIterations: 3, computeV: false);
        Assert.Equal(svd.Values, again.Values);
        Assert.True(Enumerable.Range(0, rows).All(i => svd.U[i].SequenceEqual(again.U[i])));
    }

    [Fact]
    public void Jacobi_diagonalises_a_symmetric_matrix()
    {
        var m = new double[,] { { 4, 1, 2 }, { 1, 3, 0 }, { 2, 0, 5 } };
        var (values, vectors) = TruncatedSvd.JacobiEigen(m);
        for (var e = 0; e < 3; e++)
        {
            for (var i = 0; i < 3; i++)
            {
                var mv = Enumerable.Range(0, 3).Sum(j => m[i, j] * vectors[j, e]);
                Assert.Equal(values[e] * vectors[i, e], mv, 9);
            }
        }
    }
}
