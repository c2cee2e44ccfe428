using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Domain.Tests.Merging;

/// <summary>
/// Cluster centroids are summed in a scratch array each thread keeps between uses: every set of centroids, built one
/// after another on vocabularies of different sizes, must equal the plain sums of its members.
/// </summary>
public class CentroidsTests
{
    private static TermVectors Vectors(params string[] texts)
    {
        var analyzer = TextAnalyzer.Swedish;
        var contrasts = ContrastRules.For(analyzer);
        return new TermVectors(texts.Select(t => Corpus.AnalyzeOne(analyzer, contrasts, t)).ToList(), useIdf: true);
    }

    private static readonly TermVectors Small = Vectors(
        "Kunden ska kunna avboka sin bokning på webben.", "Kunden ska kunna avboka bokningen via webben.",
        "Fakturaunderlag exporteras till ekonomisystemet.", "Export av fakturaunderlag till ekonomisystemet.", "Kunden avbokar på webben.");

    private static readonly TermVectors Large = Vectors(
        "Systemet ska skicka en påminnelse via sms dagen före bokningen.", "Påminnelse via sms före bokningen.",
        "Inloggning med BankID eller Freja eID för invånare.", "Invånare loggar in med e-legitimation.",
        "Lokaler ska kunna sökas på karta med tillgänglighetsinformation.", "Sök lokal på kartan och se tillgänglighet.",
        "Bidragsansökningar handläggs digitalt med beslut och utbetalning.", "Föreningar söker bidrag digitalt.");

    // The weighted sum of a row's vectors, term by term.
    private static Dictionary<int, double> Sum(TermVectors vectors, IEnumerable<int> docs, int[] weights)
    {
        var sum = new Dictionary<int, double>();
        foreach (var d in docs)
        {
            for (var k = 0; k < vectors.Terms[d].Length; k++)
                sum[vectors.Terms[d][k]] = sum.GetValueOrDefault(vectors.Terms[d][k]) + weights[d] * vectors.Weights[d][k];
        }
        return sum;
    }

    private static void AssertPlainSums(TermVectors vectors, List<List<int>> rows, int[] weights)
    {
        var centroids = new Centroids(vectors, rows, weights, CancellationToken.None);
        var sums = rows.Select(r => Sum(vectors, r, weights)).ToList();
        for (var a = 0; a < rows.Count; a++)
        {
            Assert.Equal(sums[a].Values.Sum(v => v * v), centroids.NormSquared(a), 12);
            for (var b = 0; b < rows.Count; b++)
            {
                var dot = sums[a].Sum(kv => kv.Value * sums[b].GetValueOrDefault(kv.Key));
                Assert.Equal(dot, centroids.Dot(a, b), 12);
            }
        }
    }

    [Fact]
    public void Centroids_built_one_after_another_are_the_plain_sums_of_their_members()
    {
        int[] smallWeights = [1, 3, 1, 2, 1];
        int[] largeWeights = [2, 1, 1, 1, 3, 1, 1, 2];
        AssertPlainSums(Small, [[0, 1, 4], [2, 3]], smallWeights);
        // Overlapping rows, then a larger vocabulary (the scratch grows), then the first again.
        AssertPlainSums(Small, [[0, 4], [1, 2, 3], [0, 1, 2, 3, 4]], smallWeights);
        AssertPlainSums(Large, [[0, 1], [2, 3], [4, 5], [6, 7], [0, 2, 4, 6]], largeWeights);
        AssertPlainSums(Small, [[0, 1, 4], [2, 3]], smallWeights);
    }

    [Fact]
    public void Absorbing_a_row_gives_the_centroid_of_both()
    {
        int[] weights = [1, 3, 1, 2, 1];
        var centroids = new Centroids(Small, [[0, 1], [4], [2, 3]], weights, CancellationToken.None);
        centroids.Absorb(0, 1);
        var both = Sum(Small, [0, 1, 4], weights);
        Assert.Equal(both.Values.Sum(v => v * v), centroids.NormSquared(0), 12);
        Assert.Equal(0, centroids.NormSquared(1));
        var other = Sum(Small, [2, 3], weights);
        Assert.Equal(both.Sum(kv => kv.Value * other.GetValueOrDefault(kv.Key)), centroids.Dot(0, 2), 12);
    }
}
