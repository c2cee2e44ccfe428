namespace Procurement.Domain.Merging;

/// <summary>
/// Latent semantic analysis of the corpus being clustered: the idf-weighted term matrix of the distinct texts reduced
/// by a truncated SVD (<see cref="TruncatedSvd"/>) to a few dimensions, each text a unit vector there (rows of U·S).
/// Texts that use different words for the same need share neighbours across the corpus and so land close together.
/// Pairwise, in a corpus of a few hundred texts, that closeness is noisy (it merged unrelated texts in every setting
/// tried), so the clusterer only uses it against cluster centroids during refinement, where a cluster's many
/// phrasings average the noise out.
/// </summary>
internal sealed class LatentSpace
{
    private LatentSpace(double[][] vectors, double weight, double floor)
    {
        Vectors = vectors;
        Weight = weight;
        Floor = floor;
    }

    /// <summary>Most distinct texts for which the decomposition is computed to convergence.</summary>
    public const int ExactLimit = 5000;

    /// <summary>One unit vector per document.</summary>
    public double[][] Vectors { get; }

    /// <summary>Share of a centroid score that comes from the latent space.</summary>
    public double Weight { get; }

    /// <summary>Cosines up to this count as 0 and the rest is stretched to 0..1: unrelated texts are rarely orthogonal in few dimensions.</summary>
    public double Floor { get; }

    /// <summary>The latent space of <paramref name="words"/> with <paramref name="rank"/> dimensions, or null when that is under 2.</summary>
    public static LatentSpace? Build(TermVectors words, int rank, double weight, double floor, CancellationToken cancellationToken)
    {
        if (rank < 2 || weight <= 0) return null;
        // Only terms that carry weight (idf > 0: in two texts or more) become columns.
        var column = new int[words.Names.Length];
        var columns = 0;
        for (var t = 0; t < column.Length; t++) column[t] = words.Idf[t] > 0 ? columns++ : -1;
        var terms = new int[words.Count][];
        var weights = new double[words.Count][];
        for (var d = 0; d < words.Count; d++)
        {
            var keep = Enumerable.Range(0, words.Terms[d].Length).Where(k => column[words.Terms[d][k]] >= 0 && words.Weights[d][k] != 0).ToArray();
            terms[d] = keep.Select(k => column[words.Terms[d][k]]).ToArray();
            weights[d] = keep.Select(k => words.Weights[d][k]).ToArray();
        }
        // Enough power iterations and oversampling that the result is the SVD itself, not one of the random test
        // matrix (with 2 and 10 the clustering still moved with the seed); big corpora get the cheaper setting.
        var (power, oversampling) = words.Count <= ExactLimit ? (6, 30) : (2, 10);
        var svd = TruncatedSvd.Compute(terms, weights, columns, rank, powerIterations: power, oversampling: oversampling, computeV: false, cancellationToken: cancellationToken);
        if (svd.Values.Length < 2) return null;
        var vectors = new double[words.Count][];
        for (var d = 0; d < words.Count; d++)
        {
            var u = svd.U[d];
            var x = new double[u.Length];
            double norm = 0;
            for (var k = 0; k < u.Length; k++)
            {
                x[k] = u[k] * svd.Values[k];
                norm += x[k] * x[k];
            }
            norm = Math.Sqrt(norm);
            if (norm > 0)
            {
                for (var k = 0; k < x.Length; k++) x[k] /= norm;
            }
            vectors[d] = x;
        }
        return new LatentSpace(vectors, weight, floor);
    }

    /// <summary>A cosine mapped through <see cref="Floor"/> to 0..1.</summary>
    public double Stretch(double cosine) => cosine <= Floor ? 0 : (cosine - Floor) / (1 - Floor);
}
