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

    [Fact]
    public void Neighbours_above_the_all_pairs_limit_carry_the_exact_similarity_and_at_most_the_kept_number_each()
    {
        var docs = Docs();
        var scorer = new PairScorer(docs, ContrastRules.For(TextAnalyzer.Swedish), useIdf: true, TermVectors.DefaultPartWeight,
            NearDuplicateClusterer.DefaultGramWeight);
        const double minSimilarity = 0.1;
        const int maxNeighbours = 5;

        var (edges, vetoes) = CandidateIndex.Neighbours(scorer, minSimilarity, maxNeighbours, CancellationToken.None);

        Assert.NotEmpty(edges);
        var seen = new HashSet<(int, int)>();
        foreach (var (a, b, similarity) in edges)
        {
            Assert.True(a < b);
            Assert.True(seen.Add((a, b)), $"Edge {a}-{b} twice.");
            var exact = scorer.Blend(scorer.Words.Cosine(a, b), scorer.Grams!.Cosine(a, b))
                * scorer.Contrasts.Factor(docs[a].Sides, docs[b].Sides);
            Assert.Equal(exact, similarity);
            Assert.True(similarity >= minSimilarity);
        }
        // An edge is some side's choice: no text chooses more than it keeps, so it has at most that many edges it
        // chose, and every text with a near-identical partner has an edge.
        var degree = new int[docs.Count];
        foreach (var (a, b, _) in edges)
        {
            degree[a]++;
            degree[b]++;
        }
        Assert.True(edges.Count <= docs.Count * maxNeighbours);
        Assert.All(degree, d => Assert.True(d >= 1));
        Assert.All(vetoes, v => Assert.DoesNotContain(edges, e => (e.A, e.B) == (Math.Min(v.A, v.B), Math.Max(v.A, v.B))));
    }
}
