namespace Procurement.Quality;

/// <summary>Precision, recall and their harmonic mean (0 when both are 0).</summary>
public readonly record struct Scores(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// How standards suggestions compare with the gold links. Rates are null when their denominator is empty.
/// </summary>
public sealed record StandardsScores(
    double? PrecisionAt1, double? RecallAt3, double? FalseLinkRate, double? Coverage, double? EmptyGoldWithAnySuggestion,
    int Requirements, int WithGold, int EmptyGold, int GoldLinks);

/// <summary>One requirement's gold standard ids and the suggestions made for it, best first.</summary>
public sealed record StandardsCase(IReadOnlySet<string> Gold, IReadOnlyList<(string StandardId, bool Confident)> Suggestions);
