namespace Procurement.Quality;

/// <summary>
/// The baseline the engine has to beat: plain word TF-IDF (lower-case letter/digit runs, no stemming, stop words or
/// thesaurus; raw term counts, smooth idf ln((1+n)/(1+df))+1 as scikit-learn, L2-normalised), cosine similarity,
/// and connected components of the pairs at or above a threshold. Similarities are computed once, so a threshold
/// sweep is cheap.
/// </summary>
public sealed class TfIdfBaseline
{
    /// <summary>The thresholds tried when choosing one on a development set.</summary>
    public static readonly IReadOnlyList<double> Thresholds = [.. Enumerable.Range(2, 18).Select(i => i * 0.05)];

    private readonly IReadOnlyList<string> ids;
    private readonly List<(int A, int B, double Similarity)> pairs;

    private TfIdfBaseline(IReadOnlyList<string> ids, List<(int, int, double)> pairs)
    {
        this.ids = ids;
        this.pairs = pairs;
    }

    public static TfIdfBaseline Build(IReadOnlyList<(string Id, string Text)> items)
    {
        var floor = Thresholds.Min();
        var vectors = Vectors(items.Select(i => Tokens(i.Text)).ToList());
        var postings = new Dictionary<string, List<(int Item, double Weight)>>(StringComparer.Ordinal);
        for (var i = 0; i < vectors.Count; i++)
        {
            foreach (var (term, weight) in vectors[i])
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add((i, weight));
            }
        }

        // Dot products through the inverted index: only items that share a word are ever compared.
        var pairs = new List<(int, int, double)>();
        var dot = new double[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            Array.Clear(dot);
            foreach (var (term, weight) in vectors[i])
            {
                foreach (var (other, otherWeight) in postings[term])
                {
                    if (other > i)
                    {
                        dot[other] += weight * otherWeight;
                    }
                }
            }

            for (var j = i + 1; j < vectors.Count; j++)
            {
                if (dot[j] >= floor - 1e-9)
                {
                    pairs.Add((i, j, dot[j]));
                }
            }
        }

        return new TfIdfBaseline(items.Select(i => i.Id).ToList(), pairs);
    }

    /// <summary>Item id → label: connected components of the pairs with similarity ≥ <paramref name="threshold"/>.</summary>
    public IReadOnlyDictionary<string, string> Cluster(double threshold)
    {
        var components = new UnionFind(ids.Count);
        foreach (var (a, b, similarity) in pairs)
        {
            if (similarity >= threshold - 1e-9)
            {
                components.Union(a, b);
            }
        }

        return Enumerable.Range(0, ids.Count).ToDictionary(i => ids[i], i => components.Find(i).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return tokens;
    }

    private static List<Dictionary<string, double>> Vectors(List<IReadOnlyList<string>> documents)
    {
        var df = documents.SelectMany(d => d.Distinct()).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var n = documents.Count;
        return documents.Select(d =>
        {
            var vector = d.GroupBy(t => t, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count() * (Math.Log((1.0 + n) / (1.0 + df[g.Key])) + 1), StringComparer.Ordinal);
            var norm = Math.Sqrt(vector.Values.Sum(w => w * w));
            return norm == 0 ? vector : vector.ToDictionary(p => p.Key, p => p.Value / norm, StringComparer.Ordinal);
        }).ToList();
    }
}
