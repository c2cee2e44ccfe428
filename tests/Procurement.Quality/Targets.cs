namespace Procurement.Quality;

/// <summary>What the engine must reach on every set (issue 4); pass/fail is reported per set.</summary>
public static class Targets
{
    public const double PairwiseF1 = 0.6;
    public const double BCubedF1 = 0.8;
    public const double PrecisionAt1 = 0.85;
    public const double RecallAt3 = 0.9;
    public const double FalseLinkRate = 0.05;

    /// <summary>(target, value, passed) for a clustering; the value is null when the set cannot measure it.</summary>
    public static IReadOnlyList<(string Target, double? Value, bool Passed)> Check(Scores pairwise, Scores bCubed) =>
    [
        ($"pairwise F1 ≥ {PairwiseF1:0.00}", pairwise.F1, pairwise.F1 >= PairwiseF1),
        ($"B-cubed F1 ≥ {BCubedF1:0.00}", bCubed.F1, bCubed.F1 >= BCubedF1),
    ];

    public static IReadOnlyList<(string Target, double? Value, bool Passed)> Check(StandardsScores scores) =>
    [
        ($"P@1 ≥ {PrecisionAt1:0.00}", scores.PrecisionAt1, scores.PrecisionAt1 >= PrecisionAt1),
        ($"R@3 ≥ {RecallAt3:0.00}", scores.RecallAt3, scores.RecallAt3 >= RecallAt3),
        ($"false links ≤ {FalseLinkRate:0%}", scores.FalseLinkRate, scores.FalseLinkRate is null || scores.FalseLinkRate <= FalseLinkRate),
    ];
}
