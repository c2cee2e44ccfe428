using System.Globalization;
using System.Text;

namespace Procurement.Quality;

/// <summary>The sections of the Markdown report.</summary>
internal static class ReportWriter
{
    public static void Definitions(StringBuilder md) => md.AppendLine(
        """
        ## Measures

        **Clustering.** Every item gets a predicted cluster (the engine's suggested clusters; every other item is a
        singleton) and a gold cluster.

        - *Pairwise* precision/recall/F1 over unordered pairs of items: a pair is predicted when both items share a
          predicted cluster and gold when they share a gold cluster. Precision = correct predicted pairs / predicted
          pairs (1 if none), recall = correct predicted pairs / gold pairs (1 if none). Large clusters dominate.
        - *B-cubed* precision/recall/F1: per item, the share of its predicted cluster that is in its gold cluster
          (precision) and the share of its gold cluster that is in its predicted cluster (recall), averaged over items;
          F1 of the averages. Every item counts the same.
        - *Near-miss pairs merged*: of the pairs of gold clusters listed as close but different needs
          (`*-nearmiss.csv`), how many the prediction joins (some item of one shares a cluster with some item of the
          other). Lower is better; not a target.

        **Standards.** Each requirement has zero or more gold standard ids; the suggester returns up to three, ranked,
        each confident or not.

        - *P@1*: over requirements with at least one gold id that got at least one suggestion, the share whose first
          suggestion is a gold id.
        - *R@3*: over all gold links (micro), the share found among the first three suggestions.
        - *False links*: over requirements whose gold is empty (they should link to nothing), the share that got any
          *confident* suggestion — the links the app would pre-select.
        - *Coverage*: requirements with gold ids that got any suggestion; *empty gold, any suggestion*: requirements
          that should link to nothing but got a suggestion, confident or not (shown to the officer, not pre-selected).

        **Baselines.** Clustering: plain word TF-IDF — lower-case letter/digit runs, no stemming, stop words or
        thesaurus, smooth idf, cosine — with connected components of the pairs at or above a threshold (0.10–0.95 in
        steps of 0.05). The threshold is chosen on the development set by pairwise F1 and applied unchanged to the other
        sets; "best here" is the baseline at the threshold that would have been best on that set itself (an upper bound,
        not a fair figure). Standards: a standard is suggested when any of its keywords occurs as a substring of the
        lower-cased text, ranked by the number of keywords found; it has no confidence, so all its suggestions count
        as confident.

        """);

    public static void Sets(StringBuilder md, IReadOnlyList<ClusterResult> clusters, IReadOnlyList<StandardsResult> standards,
        IReadOnlyList<string> missing, string devName, double threshold)
    {
        md.AppendLine("## Sets").AppendLine()
          .AppendLine("| Set | Source | Items | Gold clusters | Items in gold clusters of 2+ |")
          .AppendLine("|---|---|---:|---:|---:|");
        foreach (var r in clusters)
        {
            var inGroups = r.Set.Items.GroupBy(i => i.Gold).Where(g => g.Count() > 1).Sum(g => g.Count());
            md.AppendLine(Inv($"| {r.Set.Name}{(r.Set.Name == LabelledSets.Demo ? " (development: the set the engine was tuned on)" : Role(r.Set.Name))} | `{r.Set.Source}` | {r.Set.Items.Count} | {r.Set.GoldClusters} | {inGroups} |"));
        }

        md.AppendLine().AppendLine("| Set | Source | Requirements | With gold ids | Empty gold | Gold links |").AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in standards)
        {
            md.AppendLine(Inv($"| {r.Set.Name}{Role(r.Set.Name)} | `{r.Set.Source}` | {r.Engine.Requirements} | {r.Engine.WithGold} | {r.Engine.EmptyGold} | {r.Engine.GoldLinks} |"));
        }

        md.AppendLine();
        if (missing.Count > 0)
        {
            md.AppendLine($"Not yet available (skipped): {string.Join(", ", missing)}.").AppendLine();
        }

        md.AppendLine(Inv($"Baseline threshold chosen on **{devName}**: {threshold:0.00}.")).AppendLine();
    }

    public static void Clustering(StringBuilder md, IReadOnlyList<ClusterResult> results)
    {
        md.AppendLine("## Clustering: engine against the TF-IDF baseline").AppendLine();
        foreach (var r in results)
        {
            md.AppendLine(Inv($"### {r.Set.Name}")).AppendLine()
              .AppendLine(Inv($"| | Engine | Baseline @ {r.ChosenThreshold:0.00} (chosen on dev) | Baseline @ {r.BestThreshold:0.00} (best here) |"))
              .AppendLine("|---|---:|---:|---:|");
            Row(md, "Pairwise precision", r.EnginePairwise.Precision, r.BaselinePairwise.Precision, r.BestPairwise.Precision);
            Row(md, "Pairwise recall", r.EnginePairwise.Recall, r.BaselinePairwise.Recall, r.BestPairwise.Recall);
            Row(md, "**Pairwise F1**", r.EnginePairwise.F1, r.BaselinePairwise.F1, r.BestPairwise.F1);
            Row(md, "B-cubed precision", r.EngineBCubed.Precision, r.BaselineBCubed.Precision, r.BestBCubed.Precision);
            Row(md, "B-cubed recall", r.EngineBCubed.Recall, r.BaselineBCubed.Recall, r.BestBCubed.Recall);
            Row(md, "**B-cubed F1**", r.EngineBCubed.F1, r.BaselineBCubed.F1, r.BestBCubed.F1);
            md.AppendLine().AppendLine(Inv($"Engine: {r.EngineClusters} suggested clusters of 2+ in {r.EngineTime.TotalMilliseconds:0} ms."));
            if (r.NearMisses > 0)
            {
                md.AppendLine(Inv($"Near-miss pairs of gold clusters (close wording, different needs) merged: engine {r.EngineNearMissesMerged} of {r.NearMisses}, baseline at the dev threshold {r.BaselineNearMissesMerged} of {r.NearMisses}."));
            }

            md.AppendLine();
        }
    }

    public static void Standards(StringBuilder md, IReadOnlyList<StandardsResult> results)
    {
        md.AppendLine("## Standards: engine against keyword matching").AppendLine();
        if (results.Count == 0)
        {
            md.AppendLine("No standards set available yet.").AppendLine();
        }

        foreach (var r in results)
        {
            md.AppendLine(Inv($"### {r.Set.Name}")).AppendLine().AppendLine("| | Engine | Keyword baseline |").AppendLine("|---|---:|---:|");
            Row(md, "**P@1**", r.Engine.PrecisionAt1, r.Baseline.PrecisionAt1);
            Row(md, "**R@3**", r.Engine.RecallAt3, r.Baseline.RecallAt3);
            Row(md, "**False links** (confident)", r.Engine.FalseLinkRate, r.Baseline.FalseLinkRate);
            Row(md, "Coverage", r.Engine.Coverage, r.Baseline.Coverage);
            Row(md, "Empty gold, any suggestion", r.Engine.EmptyGoldWithAnySuggestion, r.Baseline.EmptyGoldWithAnySuggestion);
            md.AppendLine().AppendLine(Inv($"Engine: {r.EngineTime.TotalMilliseconds:0} ms for {r.Engine.Requirements} requirements.")).AppendLine();
        }
    }

    public static void TargetTable(StringBuilder md, IReadOnlyList<ClusterResult> clusters, IReadOnlyList<StandardsResult> standards)
    {
        md.AppendLine("## Targets (engine)").AppendLine().AppendLine("| Set | Target | Value | Result |").AppendLine("|---|---|---:|---|");
        var checks = clusters.SelectMany(r => Targets.Check(r.EnginePairwise, r.EngineBCubed).Select(c => (r.Set.Name, c)))
            .Concat(standards.SelectMany(r => Targets.Check(r.Engine).Select(c => (r.Set.Name, c))));
        foreach (var (set, (target, value, passed)) in checks)
        {
            md.AppendLine($"| {set}{Role(set)} | {target} | {Format(value)} | {(value is null ? "n/a" : passed ? "pass" : "**FAIL**")} |");
        }

        md.AppendLine();
    }

    private static void Row(StringBuilder md, string name, params double?[] values) =>
        md.AppendLine($"| {name} | {string.Join(" | ", values.Select(Format))} |");

    /// <summary>Whether a set is a development set (may be tuned on) or an unseen test set.</summary>
    private static string Role(string set) => LabelledSets.IsDevelopment(set) ? " (development)" : " (test)";

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
