using System.Runtime.CompilerServices;

namespace Procurement.Domain.Merging;

/// <summary>
/// What the clusterer's similarity is made of: idf-weighted vectors over terms (stems, compound parts, concepts) and
/// over the terms' character n-grams, their blend, and the contrast rules whose factor multiplies the blended cosine.
/// </summary>
internal sealed class PairScorer
{
    public PairScorer(IReadOnlyList<AnalyzedDoc> docs, ContrastRules contrasts, bool useIdf, double partWeight, double gramWeight)
    {
        Docs = docs;
        Contrasts = contrasts;
        Taking = docs.Select(d => SideTaking.Of(d.Sides)).ToArray();
        Words = new TermVectors(docs, useIdf, partWeight);
        GramWeight = gramWeight;
        Grams = gramWeight > 0 ? TermVectors.OfGrams(docs, useIdf) : null;
    }

    public IReadOnlyList<AnalyzedDoc> Docs { get; }

    public ContrastRules Contrasts { get; }

    /// <summary>Per document the contrast sides it takes alone (what <see cref="ContrastRules.Factor(SideTaking, SideTaking)"/> compares).</summary>
    public SideTaking[] Taking { get; }

    public TermVectors Words { get; }

    public TermVectors? Grams { get; }

    public double GramWeight { get; }

    /// <summary>
    /// The similarity's blend of a term figure and the matching n-gram figure (cosines, or sums of cosines): the term
    /// figure alone when there are no n-gram vectors (pass 0 for them then).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Blend(double words, double grams) => Grams is null ? words : (1 - GramWeight) * words + GramWeight * grams;
}
