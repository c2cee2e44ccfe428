namespace Procurement.Domain.Merging;

/// <summary>One distinct analysed text: its main terms, compound-part terms and contrast sides.</summary>
internal sealed record AnalyzedDoc(string[] MainTerms, string[] PartTerms, (ulong SideOne, ulong SideTwo) Sides)
{
    /// <summary>Character n-grams of the main terms (see <see cref="CharGrams"/>), computed on first use.</summary>
    public string[] Grams => grams ??= CharGrams.Of(MainTerms);

    private string[]? grams;
}

/// <summary>
/// Sparse, L2-normalised tf-idf vectors over integer term ids. Binary term frequency: a requirement that repeats
/// a word does not mean it more. Compound parts weigh less than whole words so that sharing "bokning" inside
/// "bokningsbekräftelse" counts, but less than sharing the word itself.
/// </summary>
internal sealed class TermVectors
{
    public const double DefaultPartWeight = 0.6;

    /// <summary>Vectors over the character n-grams of the documents' main terms instead of the terms themselves.</summary>
    public static TermVectors OfGrams(IReadOnlyList<AnalyzedDoc> docs, bool useIdf) =>
        new(docs.Select(d => new AnalyzedDoc(d.Grams, [], d.Sides)).ToList(), useIdf, DefaultPartWeight);

    public TermVectors(IReadOnlyList<AnalyzedDoc> docs, bool useIdf, double partWeight = DefaultPartWeight)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var docTerms = new List<(int Term, bool Main)[]>(docs.Count);
        foreach (var doc in docs)
        {
            var seen = new Dictionary<int, bool>();
            foreach (var t in doc.MainTerms) seen[IdOf(t)] = true;
            foreach (var t in doc.PartTerms) seen.TryAdd(IdOf(t), false);
            docTerms.Add(seen.Select(kv => (kv.Key, kv.Value)).OrderBy(x => x.Key).ToArray());
        }
        Names = [.. names];
        Df = new int[names.Count];
        foreach (var terms in docTerms)
        {
            foreach (var (term, _) in terms) Df[term]++;
        }
        var n = docs.Count;
        // A term only one text has cannot make two texts alike; left in, it would only shrink their cosines.
        Idf = Df.Select(df => !useIdf ? 1.0 : df < 2 ? 0.0 : Math.Log((double)n / df)).ToArray();
        Terms = new int[n][];
        Weights = new double[n][];
        for (var d = 0; d < n; d++)
        {
            var terms = docTerms[d];
            var w = terms.Select(t => Idf[t.Term] * (t.Main ? 1 : partWeight)).ToArray();
            var norm = Math.Sqrt(w.Sum(x => x * x));
            if (norm > 0)
            {
                for (var k = 0; k < w.Length; k++) w[k] /= norm;
            }
            Terms[d] = terms.Select(t => t.Term).ToArray();
            Weights[d] = w;
        }

        int IdOf(string term)
        {
            if (!ids.TryGetValue(term, out var id))
            {
                ids[term] = id = names.Count;
                names.Add(term);
            }
            return id;
        }
    }

    public string[] Names { get; }

    public int[] Df { get; }

    public double[] Idf { get; }

    public int[][] Terms { get; }

    public double[][] Weights { get; }

    public int Count => Terms.Length;

    /// <summary>Cosine of two documents (vectors are normalised), summed in term order so it is symmetric.</summary>
    public double Cosine(int a, int b)
    {
        var ta = Terms[a];
        var tb = Terms[b];
        var wa = Weights[a];
        var wb = Weights[b];
        double sum = 0;
        int i = 0, j = 0;
        while (i < ta.Length && j < tb.Length)
        {
            if (ta[i] == tb[j]) { sum += wa[i] * wb[j]; i++; j++; }
            else if (ta[i] < tb[j]) i++;
            else j++;
        }
        return sum;
    }
}
