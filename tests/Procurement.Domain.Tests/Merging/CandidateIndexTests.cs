using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.Merging;

/// <summary>
/// The candidate search above <see cref="CandidateIndex.AllPairsLimit"/> distinct texts: its selection of the best
/// proposals and the neighbours it returns, checked against plain computations.
/// </summary>
public class CandidateIndexTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(200, 0)]
    [InlineData(200, 159)]
    [InlineData(1500, 159)]
    [InlineData(1500, 1499)]
    [InlineData(5000, 2500)]
    public void KthLargest_is_the_value_a_descending_sort_puts_at_k(int count, int k)
    {
        var random = new Random(count * 31 + k);
        // Shares of a cosine, many of them tied (a few distinct values), with the ends and a rounding past 1.
        var values = Enumerable.Range(0, count).Select(i => (i % 5) switch
        {
            0 => Math.Round(random.NextDouble(), 2),
            1 => random.NextDouble() * 0.05,
            2 => random.NextDouble(),
            3 => i % 3 == 0 ? 1.0000000000000002 : 0,
            _ => 1 - random.NextDouble() * 1e-9,
        }).ToArray();
        var histogram = new int[CandidateIndex.HistogramBuckets];
        var scratch = new List<double>();

        var kth = CandidateIndex.KthLargest(values, k, histogram, scratch);

        Assert.Equal(values.OrderDescending().ElementAt(k), kth);
        Assert.All(histogram, bucket => Assert.Equal(0, bucket));
    }

    [Fact]
    public void KthLargest_counts_each_of_equal_values()
    {
        var values = new[] { 0.5, 0.5, 0.5, 0.25, 0.75 };
        var histogram = new int[CandidateIndex.HistogramBuckets];

        Assert.Equal(0.75, CandidateIndex.KthLargest(values, 0, histogram, []));
        Assert.Equal(0.5, CandidateIndex.KthLargest(values, 3, histogram, []));
        Assert.Equal(0.25, CandidateIndex.KthLargest(values, 4, histogram, []));
    }

    // More distinct texts than AllPairsLimit: each demo phrasing four times, for four municipalities (the index
    // proposes by the rarer terms, the exact score decides).
    private static List<AnalyzedDoc> Docs()
    {
        var analyzer = TextAnalyzer.Swedish;
        var contrasts = ContrastRules.For(analyzer);
        var municipalities = File.ReadLines(RepoFiles.Path("db/seed/municipalities.csv")).Skip(1).Select(l => l.Split(',')[2]).ToList();
        var phrasings = DevSet.Load().Items.Select(i => i.Text).ToList();
        var texts = new List<string>();
        for (var i = 0; i < phrasings.Count; i++)
        {
            for (var v = 0; v < 4; v++) texts.Add($"{phrasings[i]} Gäller {municipalities[(i * 4 + v) % municipalities.Count]}.");
        }
        Assert.True(texts.Distinct().Count() > CandidateIndex.AllPairsLimit);
        return texts.Select(t => Corpus.AnalyzeOne(analyzer, contrasts, t)).ToList();
    }

    [Theory]
    [InlineData(TermVectors.DefaultPartWeight)]
    [InlineData(0.0)] // compound parts weigh nothing: zero products in the postings
    public void Neighbours_above_the_all_pairs_limit_are_those_of_a_plain_computation(double partWeight)
    {
        var docs = Docs();
        var scorer = new PairScorer(docs, ContrastRules.For(TextAnalyzer.Swedish), useIdf: true, partWeight,
            NearDuplicateClusterer.DefaultGramWeight);
        const double minSimilarity = 0.1;
        // Few kept, so that few are proposed (4 × 5): the cut among proposals falls inside ties (the same phrasing
        // for other municipalities shares the same rare terms).
        const int maxNeighbours = 5;

        var (edges, vetoes) = CandidateIndex.Neighbours(scorer, minSimilarity, maxNeighbours, CancellationToken.None);
        var expected = PlainNeighbours(scorer, minSimilarity, maxNeighbours, out var expectedVetoes);

        Assert.True(expected.Count > docs.Count);
        Assert.Equal(expected.Count, edges.Count);
        Assert.Equal(expected, edges.ToHashSet());
        Assert.Equal(expectedVetoes, vetoes.ToHashSet());
    }

    // What the index is meant to find, computed plainly. Per text: the others that share rare terms with it (document
    // frequency 2..MaxDf), each with the share of the cosine over those terms (added in the text's term order, as the
    // index adds them); those reaching ProposeShare of the least similarity, the best ExactFactor × maxNeighbours of
    // them by share, then id; their exact similarity (a veto where a contrast rules the pair out) times the contrast
    // factor; the best maxNeighbours at or above the least similarity, by similarity, then id. An edge is a pair
    // either side keeps.
    private static HashSet<(int A, int B, double Similarity)> PlainNeighbours(PairScorer scorer, double minSimilarity, int maxNeighbours,
        out HashSet<(int A, int B)> vetoes)
    {
        var words = scorer.Words;
        var n = words.Count;
        var maxDf = CandidateIndex.MaxDf(n);
        var postings = new Dictionary<int, List<(int Doc, double Weight)>>();
        for (var d = 0; d < n; d++)
        {
            for (var k = 0; k < words.Terms[d].Length; k++)
            {
                var t = words.Terms[d][k];
                if (words.Df[t] < 2 || words.Df[t] > maxDf) continue;
                if (!postings.TryGetValue(t, out var list)) postings[t] = list = [];
                list.Add((d, words.Weights[d][k]));
            }
        }
        var edges = new HashSet<(int, int, double)>();
        vetoes = [];
        for (var d = 0; d < n; d++)
        {
            var share = new Dictionary<int, double>();
            for (var k = 0; k < words.Terms[d].Length; k++)
            {
                if (!postings.TryGetValue(words.Terms[d][k], out var list)) continue;
                foreach (var (other, weight) in list)
                {
                    if (other != d) share[other] = share.GetValueOrDefault(other) + words.Weights[d][k] * weight;
                }
            }
            var proposed = share.Where(s => s.Value >= minSimilarity * CandidateIndex.ProposeShare)
                .OrderByDescending(s => s.Value).ThenBy(s => s.Key)
                .Take(CandidateIndex.DefaultExactFactor * maxNeighbours).Select(s => s.Key);
            var hits = new List<(int Other, double Similarity)>();
            foreach (var other in proposed)
            {
                var exact = scorer.Blend(words.Cosine(d, other), scorer.Grams!.Cosine(d, other));
                if (exact < minSimilarity) continue;
                var factor = scorer.Contrasts.Factor(scorer.Docs[d].Sides, scorer.Docs[other].Sides);
                if (factor == 0 && d < other) vetoes.Add((d, other));
                if (exact * factor >= minSimilarity) hits.Add((other, exact * factor));
            }
            foreach (var (other, similarity) in hits.OrderByDescending(h => h.Similarity).ThenBy(h => h.Other).Take(maxNeighbours))
                edges.Add((Math.Min(d, other), Math.Max(d, other), similarity));
        }
        return edges;
    }
}
