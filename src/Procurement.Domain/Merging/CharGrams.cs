namespace Procurement.Domain.Merging;

/// <summary>
/// Character n-grams of a text's terms (with word boundaries marked), a cheap fuzzy match for what stemming and
/// compound splitting miss: "bidragshistorik" and "historik över bidrag", "hall" and "hallbokning", typos.
/// </summary>
internal static class CharGrams
{
    public const int Size = 4;

    /// <summary>The n-grams of one term in order (repeats kept); none for short terms and numbers.</summary>
    public static string[] OfTerm(string term)
    {
        if (term.Length < 3 || char.IsDigit(term[0])) return [];
        var padded = "^" + term.Replace(' ', '_') + "$";
        var grams = new string[padded.Length - Size + 1];
        for (var i = 0; i < grams.Length; i++) grams[i] = padded.Substring(i, Size);
        return grams;
    }
}
