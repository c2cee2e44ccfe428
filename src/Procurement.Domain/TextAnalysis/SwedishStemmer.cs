using System.Runtime.CompilerServices;
namespace Procurement.Domain.TextAnalysis;

/// <summary>
/// The Snowball Swedish stemmer (https://snowballstem.org/algorithms/swedish/stemmer.html), written from the
/// published algorithm so that the engine needs no package. Expects lower-case input.
/// </summary>
public static class SwedishStemmer
{
    private const string Vowels = "aeiouyäåö";
    private const string ValidSEndings = "bcdfghjklmnoprtvy";

    // Longest first, so the first hit is the longest suffix that ends the word.
    private static readonly string[] Step1Suffixes = new[]
    {
        "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne", "are", "aste", "en", "anden",
        "aren", "heten", "ern", "ar", "er", "heter", "or", "as", "arnas", "ernas", "ornas", "es", "ades", "andes",
        "ens", "arens", "hetens", "erns", "at", "andet", "het", "ast",
    }.OrderByDescending(s => s.Length).ToArray();

    private static readonly string[] Step2Endings = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var r1 = RegionOne(word);
        if (r1 >= word.Length) return word;
        var w = Step1(word, r1);
        w = Step2(w, r1);
        return Step3(w, r1);
    }

    private static bool IsVowel(char c) => Vowels.Contains(c, StringComparison.Ordinal);

    /// <summary>R1 starts after the first non-vowel that follows a vowel, but never before the fourth letter.</summary>
    private static int RegionOne(string word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (!IsVowel(word[i]) && IsVowel(word[i - 1])) return Math.Max(3, i + 1);
        }
        return word.Length;
    }

    private static bool EndsInRegion(string word, string suffix, int r1) =>
        word.Length - suffix.Length >= r1 && word.EndsWith(suffix, StringComparison.Ordinal);

    private static string Step1(string word, int r1)
    {
        foreach (var suffix in Step1Suffixes)
        {
            if (EndsInRegion(word, suffix, r1)) return word[..^suffix.Length];
        }
        // The s-ending rule: a plural/genitive s goes only after letters that can end a stem.
        if (EndsInRegion(word, "s", r1) && word.Length >= 2 && ValidSEndings.Contains(word[^2], StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    private static string Step2(string word, int r1)
    {
        foreach (var ending in Step2Endings)
        {
            if (EndsInRegion(word, ending, r1)) return word[..^1];
        }
        return word;
    }

    private static string Step3(string word, int r1)
    {
        if (EndsInRegion(word, "fullt", r1)) return word[..^1];
        if (EndsInRegion(word, "löst", r1)) return word[..^1];
        if (EndsInRegion(word, "lig", r1)) return word[..^3];
        if (EndsInRegion(word, "els", r1)) return word[..^3];
        if (EndsInRegion(word, "ig", r1)) return word[..^2];
        return word;
    }
}
