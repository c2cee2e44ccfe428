namespace Procurement.Domain.Merging;

/// <summary>
/// Character n-grams of a text's terms (with word boundaries marked), a cheap fuzzy match for what stemming and
/// compound splitting miss: "bidragshistorik" and "historik över bidrag", "hall" and "hallbokning", typos.
/// </summary>
internal static class CharGrams
{
    public const int Size = 4;

    public static string[] Of(IEnumerable<string> terms)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (term.Length < 3 || char.IsDigit(term[0])) continue;
            var padded = "^" + term.Replace(' ', '_') + "$";
            for (var i = 0; i + Size <= padded.Length; i++) grams.Add(padded.Substring(i, Size));
        }
        return [.. grams];
    }
}
