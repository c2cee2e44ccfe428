namespace Procurement.Domain.Merging;

/// <summary>
/// The similarity the clusterer works with: idf-weighted cosine over terms (stems, compound parts, concepts)
/// blended with a cosine over the terms' character n-grams, times the contrast factor.
/// </summary>
internal sealed class PairScorer
{
    public PairScorer(IReadOnlyList<AnalyzedDoc> docs, ContrastRules contrasts, bool useIdf, double partWeight, double gramWeight)
    {
        Docs = docs;
        Contrasts = contrasts;
        Words = new TermVectors(docs, useIdf, partWeight);
        GramWeight = gramWeight;
        Grams = gramWeight > 0 ? TermVectors.OfGrams(docs, useIdf) : null;
    }

    public IReadOnlyList<AnalyzedDoc> Docs { get; }

    public ContrastRules Contrasts { get; }

    public TermVectors Words { get; }

    public TermVectors? Grams { get; }

    public double GramWeight { get; }

    public int Count => Words.Count;

    /// <summary>The blended cosine without contrasts.</summary>
    public double Cosine(int a, int b) =>
        Grams is null ? Words.Cosine(a, b) : (1 - GramWeight) * Words.Cosine(a, b) + GramWeight * Grams.Cosine(a, b);

    public double Factor(int a, int b) => Contrasts.Factor(Docs[a].Sides, Docs[b].Sides);

    public double Similarity(int a, int b) => Cosine(a, b) * Factor(a, b);
}
