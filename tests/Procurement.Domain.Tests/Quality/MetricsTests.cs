using Procurement.Quality;

namespace Procurement.Domain.Tests.Quality;

/// <summary>The quality measures on cases small enough to count by hand.</summary>
public sealed class MetricsTests
{
    // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
    private static readonly Dictionary<string, string> Gold = new() { ["a"] = "G1", ["b"] = "G1", ["c"] = "G1", ["d"] = "G2", ["e"] = "G2" };
    private static readonly Dictionary<string, string> Predicted = new() { ["a"] = "P1", ["b"] = "P1", ["c"] = "P2", ["d"] = "P2", ["e"] = "P2" };

    [Fact]
    public void Pairwise_counts_unordered_pairs()
    {
        // Gold pairs ab ac bc de; predicted ab cd ce de; both: ab de.
        var scores = Metrics.Pairwise(Predicted, Gold);

        Assert.Equal(2.0 / 4, scores.Precision, 10);
        Assert.Equal(2.0 / 4, scores.Recall, 10);
        Assert.Equal(0.5, scores.F1, 10);
    }

    [Fact]
    public void B_cubed_averages_over_items()
    {
        // Precision per item: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 → 11/15. Recall: a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 → 11/15.
        var scores = Metrics.BCubed(Predicted, Gold);

        Assert.Equal(11.0 / 15, scores.Precision, 10);
        Assert.Equal(11.0 / 15, scores.Recall, 10);
        Assert.Equal(11.0 / 15, scores.F1, 10);
    }

    [Fact]
    public void All_singletons_have_full_precision_and_no_pairwise_recall()
    {
        var singletons = Gold.Keys.ToDictionary(k => k, k => k);

        var pairwise = Metrics.Pairwise(singletons, Gold);
        var bCubed = Metrics.BCubed(singletons, Gold);

        Assert.Equal(new Scores(1, 0), pairwise);
        Assert.Equal(0, pairwise.F1);
        Assert.Equal(1, bCubed.Precision, 10);
        Assert.Equal((1.0 / 3 * 3 + 1.0 / 2 * 2) / 5, bCubed.Recall, 10);
    }

    [Fact]
    public void The_same_clustering_under_other_labels_is_perfect()
    {
        var relabelled = Gold.ToDictionary(p => p.Key, p => p.Value + "-x");

        Assert.Equal(new Scores(1, 1), Metrics.Pairwise(relabelled, Gold));
        Assert.Equal(1, Metrics.BCubed(relabelled, Gold).F1, 10);
    }

    [Fact]
    public void A_near_miss_pair_counts_as_merged_when_any_of_their_items_share_a_predicted_cluster()
    {
        var gold = new Dictionary<string, string> { ["a"] = "G1", ["b"] = "G1", ["c"] = "G2", ["d"] = "G3" };
        var predicted = new Dictionary<string, string> { ["a"] = "P1", ["b"] = "P2", ["c"] = "P2", ["d"] = "P3" };

        Assert.Equal(1, Metrics.NearMissesMerged(predicted, gold, [("G1", "G2"), ("G1", "G3"), ("G2", "G9")]));
    }

    [Fact]
    public void Clusterings_of_different_items_are_refused() =>
        Assert.Throws<ArgumentException>(() => Metrics.Pairwise(new Dictionary<string, string> { ["a"] = "1" }, Gold));

    [Fact]
    public void Standards_precision_recall_and_false_links()
    {
        var cases = new List<StandardsCase>
        {
            Case(["A"], ("A", true), ("B", false)),            // P@1 hit; 1 of 1 gold link found
            Case(["A", "B"], ("C", true), ("B", true), ("D", false)), // P@1 miss; 1 of 2 found
            Case(["C"]),                                       // no suggestion: not in P@1, 0 of 1 found
            Case([], ("A", false)),                            // suggestion, but not confident: no false link
            Case([], ("B", true)),                             // a false link
            Case([]),                                          // right: nothing
        };

        var scores = Metrics.Standards(cases);

        Assert.Equal(1.0 / 2, scores.PrecisionAt1);
        Assert.Equal(2.0 / 4, scores.RecallAt3);
        Assert.Equal(1.0 / 3, scores.FalseLinkRate);
        Assert.Equal(2.0 / 3, scores.Coverage);
        Assert.Equal(2.0 / 3, scores.EmptyGoldWithAnySuggestion);
        Assert.Equal((6, 3, 3, 4), (scores.Requirements, scores.WithGold, scores.EmptyGold, scores.GoldLinks));
    }

    [Fact]
    public void Recall_at_3_ignores_a_fourth_suggestion_and_empty_sets_have_no_rates()
    {
        var late = Metrics.Standards([Case(["D"], ("A", true), ("B", true), ("C", true), ("D", true))]);
        var none = Metrics.Standards([]);

        Assert.Equal(0, late.RecallAt3);
        Assert.Equal(0, late.PrecisionAt1);
        Assert.Null(late.FalseLinkRate);
        Assert.Null(none.PrecisionAt1);
    }

    private static StandardsCase Case(string[] gold, params (string, bool)[] suggestions) =>
        new(gold.ToHashSet(), suggestions);
}
