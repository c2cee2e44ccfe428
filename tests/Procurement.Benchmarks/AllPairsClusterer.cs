using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;
using Procurement.Quality;

namespace Procurement.Benchmarks;

/// <summary>
/// What the engine is measured against: the same analyser terms, TF-IDF weights, cosine over all n²/2 pairs and
/// union-find over the pairs at or above the threshold. Quadratic on purpose; it is the cost the engine avoids.
/// </summary>
public static class AllPairsClusterer
{
    public const double Threshold = 0.5;

    public static int Cluster(IReadOnlyList<ClusterInput> items, TextAnalyzer analyzer)
    {
        var vectors = Vectors(items.Select(i => analyzer.Terms(i.Text)).ToList());
        var components = new UnionFind(vectors.Length);
        for (var i = 0; i < vectors.Length; i++)
        {
            for (var j = i + 1; j < vectors.Length; j++)
            {
                if (Dot(vectors[i], vectors[j]) >= Threshold)
                {
                    components.Union(i, j);
                }
            }
        }

        return Enumerable.Range(0, vectors.Length).Select(components.Find).Distinct().Count();
    }

    /// <summary>Sparse unit vectors as (term id, weight), sorted by term id so a dot product is one merge.</summary>
    private static (int Term, double Weight)[][] Vectors(List<IReadOnlyList<string>> documents)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var counted = documents.Select(d => d.GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => (Term: ids.TryGetValue(g.Key, out var id) ? id : ids[g.Key] = ids.Count, Count: g.Count())).ToList()).ToList();
        var df = new int[ids.Count];
        foreach (var term in counted.SelectMany(d => d))
        {
            df[term.Term]++;
        }

        var n = documents.Count;
        return counted.Select(d =>
        {
            var weighted = d.Select(t => (t.Term, Weight: t.Count * (Math.Log((1.0 + n) / (1.0 + df[t.Term])) + 1))).OrderBy(t => t.Term).ToArray();
            var norm = Math.Sqrt(weighted.Sum(t => t.Weight * t.Weight));
            return norm == 0 ? weighted : weighted.Select(t => (t.Term, t.Weight / norm)).ToArray();
        }).ToArray();
    }

    private static double Dot((int Term, double Weight)[] a, (int Term, double Weight)[] b)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i].Term == b[j].Term)
            {
                sum += a[i++].Weight * b[j++].Weight;
            }
            else if (a[i].Term < b[j].Term)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return sum;
    }
}
