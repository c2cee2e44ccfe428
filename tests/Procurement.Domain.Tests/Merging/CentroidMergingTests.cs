using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.Merging;

/// <summary>
/// Joining groups that average link left apart because each text keeps only its best neighbours (the mean over all
/// cross pairs comes from the groups' summed vectors), and a cluster's similarity computed the same way: both checked
/// against the plain definition, pair by pair.
/// </summary>
public class CentroidMergingTests
{
    private static readonly string[] Texts =
    [
        // 0–2 and 3–5: one need (cancel a booking on the web) in two wordings; 6–8: sending invoices to the finance
        // system; 9–10 and 11–12: an sms reminder before the booking, and (a contrast) a confirmation after it.
        "Kunden ska kunna avboka sin bokning själv via webben.", "Kunden ska kunna avboka sin bokning själv på webben.", "Kunden ska själv kunna avboka sin bokning via webben.",
        "Kunden ska kunna avboka bokningen på webben utan att ringa.", "Kunden ska kunna avboka sina bokningar på webben utan att ringa.", "Det ska gå för kunden att avboka sin bokning på webben.",
        "Fakturaunderlag ska exporteras till ekonomisystemet varje månad.", "Fakturaunderlaget exporteras till ekonomisystemet varje månad.", "Export av fakturaunderlag till ekonomisystemet varje månad.",
        "Kunden ska få en påminnelse via sms före bokningen.", "Påminnelse via sms till kunden dagen före bokningen.",
        "Kunden ska få en bekräftelse via sms efter bokningen.", "Bekräftelse via sms till kunden direkt efter bokningen.",
        // 13–14: a third wording of cancelling, tied by an edge only to the second.
        "Avbokning av bokningen ska kunden kunna göra själv på webben.", "Kunden avbokar själv sin bokning på webben.",
    ];

    private static readonly int[] Groups = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5];

    // Identical texts collapsed into one node weigh more.
    private static readonly int[] Weights = [1, 3, 1, 2, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1];

    // Every group tied to the next by one edge, as when each text's neighbour list is full of its own group.
    private static readonly (int, int, double)[] Edges =
        [(0, 1, 0.9), (1, 2, 0.9), (3, 4, 0.9), (4, 5, 0.9), (6, 7, 0.9), (7, 8, 0.9), (9, 10, 0.9), (11, 12, 0.9), (0, 3, 0.4), (3, 6, 0.1), (6, 9, 0.1), (9, 11, 0.5), (2, 11, 0.2), (13, 14, 0.9), (4, 13, 0.5)];

    private static readonly PairScorer Scorer = ScorerOf(Texts);

    private static PairScorer ScorerOf(string[] texts)
    {
        var analyzer = TextAnalyzer.Swedish;
        var contrasts = ContrastRules.For(analyzer);
        var docs = texts.Select(t => Corpus.AnalyzeOne(analyzer, contrasts, t)).ToList();
        return new PairScorer(docs, contrasts, useIdf: true, TermVectors.DefaultPartWeight, NearDuplicateClusterer.DefaultGramWeight);
    }

    // The clusterer's similarity of two texts, straight from its definition: the blended cosine times the contrast factor.
    private static double Cosine(PairScorer scorer, int a, int b) =>
        (1 - scorer.GramWeight) * scorer.Words.Cosine(a, b) + scorer.GramWeight * scorer.Grams!.Cosine(a, b);

    private static double Similarity(PairScorer scorer, int a, int b) =>
        Cosine(scorer, a, b) * scorer.Contrasts.Factor(scorer.Docs[a].Sides, scorer.Docs[b].Sides);

    private static int[] Join(IReadOnlyList<(int, int)> cannotLink, double threshold = NearDuplicateClusterer.DefaultThreshold) =>
        CentroidMerging.Run(Scorer, Weights, (int[])Groups.Clone(), Edges, cannotLink, threshold, CancellationToken.None);

    [Fact]
    public void Three_fragments_of_one_need_are_joined_and_other_needs_stay_apart()
    {
        // The first two join (the first, larger, keeps its row); the third had an edge only to the second.
        var label = Join([]);
        Assert.All(label[..6].Concat(label[13..]), l => Assert.Equal(label[0], l));
        Assert.All(label[6..9], l => Assert.Equal(label[6], l));
        Assert.Equal(label[9], label[10]);
        Assert.Equal(label[11], label[12]);
        Assert.Equal(4, label.Distinct().Count());
        Assert.NotEqual(label[0], label[6]);
        Assert.NotEqual(label[9], label[11]); // a reminder before is not a confirmation after
    }

    [Fact]
    public void A_cannot_link_pair_keeps_the_fragments_apart()
    {
        var label = Join([(1, 4)]);
        Assert.NotEqual(label[0], label[3]);
        Assert.Equal(Groups[..3], label[..3]);
    }

    [Theory]
    [InlineData(0.23)]
    [InlineData(0.1)]
    [InlineData(0.05)]
    [InlineData(0.0)]
    public void Joins_as_a_plain_agglomeration_over_all_cross_pairs_would(double threshold)
    {
        foreach (var cannotLink in new[] { Array.Empty<(int, int)>(), [(2, 7)], [(0, 9), (5, 12)] })
        {
            Assert.Equal(Reference(cannotLink, threshold), Join(cannotLink, threshold));
        }
    }

    [Fact]
    public void A_clusters_similarity_sum_is_the_sum_over_all_its_pairs_contrasts_included()
    {
        // Members 9–12 take opposite sides (before vs after): their cross pairs count with the contrast factor.
        foreach (var members in new[] { new[] { 0, 1, 2, 3, 4, 5 }, [9, 10, 11, 12], [0, 6, 9, 11, 12], [1] })
        {
            double expected = 0;
            foreach (var i in members)
            {
                expected += Weights[i] * (Weights[i] - 1) / 2.0;
                foreach (var j in members.Where(j => j > i)) expected += Weights[i] * Weights[j] * Similarity(Scorer, i, j);
            }
            Assert.Equal(expected, NearDuplicateClusterer.InternalSum(members, Weights, Scorer), 9);
        }
    }

    /// <summary>
    /// Joining by its definition: while some two groups of two items or more that share an edge have a mean similarity
    /// over all their cross pairs (times the factor of the sides the groups take) at or above the threshold, and no
    /// cannot-link pair between them, join the highest (then the lower rows); the larger group keeps its row.
    /// </summary>
    private static int[] Reference(IReadOnlyList<(int A, int B)> cannotLink, double threshold)
    {
        var rows = Groups.Distinct().Select(g => Enumerable.Range(0, Groups.Length).Where(i => Groups[i] == g).ToList()).ToList();
        var alive = rows.Select(_ => true).ToList();
        double Size(int r) => rows[r].Sum(i => Weights[i]);
        (ulong, ulong) Union(int r) => rows[r].Aggregate((0UL, 0UL), (u, i) =>
        {
            var (s1, s2) = Scorer.Docs[i].Sides;
            return (u.Item1 | (s1 & ~s2), u.Item2 | (s2 & ~s1));
        });
        bool Linked(int r, int q, IEnumerable<(int A, int B)> pairs) =>
            pairs.Any(p => (rows[r].Contains(p.A) && rows[q].Contains(p.B)) || (rows[r].Contains(p.B) && rows[q].Contains(p.A)));
        while (true)
        {
            (double Mean, int A, int B)? best = null;
            for (var r = 0; r < rows.Count; r++)
            {
                for (var q = r + 1; q < rows.Count; q++)
                {
                    if (!alive[r] || !alive[q] || !Linked(r, q, Edges.Select(e => (e.Item1, e.Item2))) || Linked(r, q, cannotLink)) continue;
                    var sum = rows[r].Sum(i => rows[q].Sum(j => Weights[i] * Weights[j] * Cosine(Scorer, i, j)));
                    var (r1, r2) = Union(r);
                    var (q1, q2) = Union(q);
                    var mean = sum / (Size(r) * Size(q)) * Scorer.Contrasts.Factor(new SideTaking(r1, r2), new SideTaking(q1, q2));
                    if (mean >= threshold && (best is null || mean > best.Value.Mean)) best = (mean, r, q);
                }
            }
            if (best is not { } join) break;
            var (keep, drop) = Size(join.A) >= Size(join.B) ? (join.A, join.B) : (join.B, join.A);
            rows[keep].AddRange(rows[drop]);
            alive[drop] = false;
        }
        var label = (int[])Groups.Clone();
        for (var r = 0; r < rows.Count; r++)
        {
            if (alive[r]) foreach (var i in rows[r]) label[i] = Groups[rows[r][0]];
        }
        return label;
    }
}
