using System.Runtime.CompilerServices;
namespace Procurement.Domain.Merging;

/// <summary>One distinct analysed text: its main terms, compound-part terms and contrast sides.</summary>
internal sealed record AnalyzedDoc(string[] MainTerms, string[] PartTerms, (ulong SideOne, ulong SideTwo) Sides);

/// <summary>
/// Sparse, L2-normalised tf-idf vectors over integer term ids. Binary term frequency: a requirement that repeats
/// a word does not mean it more. Compound parts weigh less than whole words so that sharing "bokning" inside
/// "bokningsbekräftelse" counts, but less than sharing the word itself.
/// Term ids are given in order of first occurrence (documents in order, main terms before parts); each
/// document's terms are sorted by id, which is the order every cosine sums in.
/// </summary>
internal sealed class TermVectors
{
    public const double DefaultPartWeight = 0.6;

    /// <summary>
    /// Vectors over the character n-grams of the documents' main terms instead of the terms themselves. The same as
    /// vectors over the character n-grams of the main terms (<see cref="CharGrams"/>), built from each distinct term's n-grams once.
    /// </summary>
    public static TermVectors OfGrams(IReadOnlyList<AnalyzedDoc> docs, bool useIdf)
    {
        // Ids in order of first occurrence, as the n-grams of the whole text would get them: given going through the
        // documents in order, each distinct term's n-grams once; then each document's ids gathered on its own.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var gramsOfTerm = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            foreach (var term in doc.MainTerms)
            {
                if (gramsOfTerm.ContainsKey(term)) continue;
                var strings = CharGrams.OfTerm(term);
                var grams = new int[strings.Length];
                for (var g = 0; g < strings.Length; g++)
                {
                    if (!ids.TryGetValue(strings[g], out var id))
                    {
                        ids[strings[g]] = id = names.Count;
                        names.Add(strings[g]);
                    }
                    grams[g] = id;
                }
                gramsOfTerm[term] = grams;
            }
        }
        var docTerms = new int[docs.Count][];
        Parallel.For(0, docs.Count, Loop(docs.Count), () => new List<int>(), (d, _, buffer) =>
        {
            buffer.Clear();
            foreach (var term in docs[d].MainTerms) buffer.AddRange(gramsOfTerm[term]);
            docTerms[d] = SortedDistinct(buffer);
            return buffer;
        }, _ => { });
        return new TermVectors(docTerms, null, [.. names], useIdf, DefaultPartWeight);
    }

    public TermVectors(IReadOnlyList<AnalyzedDoc> docs, bool useIdf, double partWeight = DefaultPartWeight)
        : this(Index(docs, out var main, out var names), main, names, useIdf, partWeight)
    {
    }

    /// <summary>Each document's term ids (sorted) and whether each is a main term (else only a compound part).</summary>
    private static int[][] Index(IReadOnlyList<AnalyzedDoc> docs, out bool[][] main, out string[] names)
    {
        // Ids in order of first occurrence (documents in order, main terms before parts), given in one pass; then
        // each document's ids looked up and sorted on its own.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var doc in docs)
        {
            foreach (var t in doc.MainTerms) IdOf(t);
            foreach (var t in doc.PartTerms) IdOf(t);
        }
        var docTerms = new int[docs.Count][];
        var isMainOf = new bool[docs.Count][];
        Parallel.For(0, docs.Count, Loop(docs.Count), () => new List<(int Term, bool Main)>(), (d, _, seen) =>
        {
            var doc = docs[d];
            seen.Clear();
            foreach (var t in doc.MainTerms)
            {
                var id = ids[t];
                var at = IndexOf(seen, id);
                if (at < 0) seen.Add((id, true));
                else seen[at] = (id, true);
            }
            foreach (var t in doc.PartTerms)
            {
                var id = ids[t];
                if (IndexOf(seen, id) < 0) seen.Add((id, false));
            }
            seen.Sort((x, y) => x.Term.CompareTo(y.Term));
            var terms = new int[seen.Count];
            var isMain = new bool[seen.Count];
            for (var k = 0; k < terms.Length; k++) (terms[k], isMain[k]) = seen[k];
            docTerms[d] = terms;
            isMainOf[d] = isMain;
            return seen;
        }, _ => { });
        main = isMainOf;
        names = [.. list];
        return docTerms;

        void IdOf(string term)
        {
            if (ids.TryAdd(term, list.Count)) list.Add(term);
        }

        static int IndexOf(List<(int Term, bool Main)> seen, int id)
        {
            for (var k = 0; k < seen.Count; k++)
            {
                if (seen[k].Term == id) return k;
            }
            return -1;
        }
    }

    // On the calling thread for a few texts (a pair compared for a page, a handful of matches): threads only pay off
    // for a corpus.
    private static ParallelOptions Loop(int docs) => new() { MaxDegreeOfParallelism = docs < 1000 ? 1 : -1 };

    private static int[] SortedDistinct(List<int> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        var count = 0;
        for (var k = 0; k < array.Length; k++)
        {
            if (count == 0 || array[k] != array[count - 1]) array[count++] = array[k];
        }
        return count == array.Length ? array : array[..count];
    }

    /// <summary>
    /// Vectors from each document's distinct term ids (ascending) and, per document and term, whether it is a main
    /// term (null: all are); compound parts weigh <paramref name="partWeight"/>.
    /// </summary>
    private TermVectors(int[][] terms, bool[][]? main, string[] names, bool useIdf, double partWeight)
    {
        Names = names;
        Df = new int[names.Length];
        foreach (var doc in terms)
        {
            foreach (var term in doc) Df[term]++;
        }
        var n = terms.Length;
        // A term only one text has cannot make two texts alike; left in, it would only shrink their cosines.
        Idf = new double[Df.Length];
        for (var t = 0; t < Idf.Length; t++) Idf[t] = !useIdf ? 1.0 : Df[t] < 2 ? 0.0 : Math.Log((double)n / Df[t]);
        Terms = terms;
        var weights = Weights = new double[n][];
        var norms = Norms = new double[n];
        var idf = Idf;
        Parallel.For(0, n, Loop(n), d =>
        {
            var docTerms = terms[d];
            var isMain = main?[d];
            var w = new double[docTerms.Length];
            double squares = 0;
            for (var k = 0; k < w.Length; k++)
            {
                w[k] = idf[docTerms[k]] * (isMain is null || isMain[k] ? 1 : partWeight);
                squares += w[k] * w[k];
            }
            var norm = Math.Sqrt(squares);
            norms[d] = norm;
            if (norm > 0)
            {
                for (var k = 0; k < w.Length; k++) w[k] /= norm;
            }
            weights[d] = w;
        });
    }

    public string[] Names { get; }

    public int[] Df { get; }

    public double[] Idf { get; }

    public int[][] Terms { get; }

    public double[][] Weights { get; }

    /// <summary>Per document the length its weights were divided by (0: all its terms weigh 0).</summary>
    public double[] Norms { get; }

    public int Count => Terms.Length;

    /// <summary>Cosine of two documents (vectors are normalised), summed in term order so it is symmetric.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
