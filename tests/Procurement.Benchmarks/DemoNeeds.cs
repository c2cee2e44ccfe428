using System.Globalization;
using Procurement.Domain.Merging;
using Procurement.Web.Infrastructure.Demo;

namespace Procurement.Benchmarks;

/// <summary>
/// Needs as the demo seeder draws them (DemoProcurementSeeder.Needs): a theme by its weight, then one of its
/// phrasings, from a fixed seed. The seeder's own draw is private and interleaved with the database work, so the
/// two lines are repeated here; the themes come from the same DemoContent.
/// </summary>
public static class DemoNeeds
{
    public static IReadOnlyList<ClusterInput> Draw(int count, int seed = 42) => DrawLabelled(count, seed).Select(n => n.Need).ToList();

    /// <summary>As <see cref="Draw"/>, each need with the id of the theme it was drawn from (its gold cluster).</summary>
    public static IReadOnlyList<(ClusterInput Need, string Theme)> DrawLabelled(int count, int seed = 42)
    {
        var themes = DemoContent.Load().Needs;
        var totalWeight = themes.Sum(t => t.Weight);
        var random = new Random(seed);
        var needs = new List<(ClusterInput, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(totalWeight);
            var theme = themes.SkipWhile(t => (pick -= t.Weight) >= 0).First();
            needs.Add((new ClusterInput(i.ToString("D6", CultureInfo.InvariantCulture), theme.Phrasings[random.Next(theme.Phrasings.Count)]), theme.Id));
        }

        return needs;
    }

    private static readonly string[] Municipalities =
    [
        "Ale", "Alingsås", "Arvika", "Borås", "Eslöv", "Falun", "Gävle", "Hudiksvall", "Härnösand", "Kalmar", "Karlstad",
        "Kiruna", "Kristianstad", "Kungsbacka", "Lerum", "Luleå", "Lund", "Malmö", "Mora", "Motala", "Nacka", "Norrtälje",
        "Nyköping", "Piteå", "Sala", "Skellefteå", "Skövde", "Sundsvall", "Södertälje", "Trelleborg", "Uddevalla", "Umeå",
        "Uppsala", "Varberg", "Västerås", "Växjö", "Ystad", "Örebro", "Östersund", "Ödeshög",
    ];

    private static readonly string[] Contexts =
    [
        "Vi har {0} lokaler.", "Kommunen har {0} lokaler att boka.", "Det gäller {0} föreningar i {1}.", "I {1} finns {0} anläggningar.",
        "{1} kommun hyr ut {0} lokaler.", "Vi är {1} kommun med {0} bokningsbara rum.", "Gäller {0} idrottshallar.",
        "Ungefär {0} användare i {1}.", "Behovet kommer från {1}.", "Cirka {0} bokningar per vecka.",
    ];

    private static readonly (string From, string To)[] Synonyms =
    [
        ("Vi vill", "Vi önskar"), ("vill", "önskar"), ("behöver", "måste"), ("kunna", "ha möjlighet att"), ("enkelt", "lätt"),
        ("system", "lösning"), ("snabbt", "fort"),
    ];

    /// <summary>
    /// <paramref name="count"/> needs whose texts are (almost) all distinct, as real submissions are: each drawn
    /// phrasing gets a short municipal context (a name, a number of premises) before or after it, and sometimes a
    /// synonym swapped in. Deterministic for a seed.
    /// </summary>
    public static IReadOnlyList<ClusterInput> DrawDistinct(int count, int seed = 42) =>
        DrawDistinctLabelled(count, seed).Select(n => n.Need).ToList();

    /// <summary>As <see cref="DrawDistinct"/>, each need with the id of its theme.</summary>
    public static IReadOnlyList<(ClusterInput Need, string Theme)> DrawDistinctLabelled(int count, int seed = 42)
    {
        var drawn = DrawLabelled(count, seed);
        var random = new Random(seed + 1);
        var inv = CultureInfo.InvariantCulture;
        var needs = new List<(ClusterInput, string)>(count);
        foreach (var (need, theme) in drawn)
        {
            var text = need.Text;
            if (random.Next(3) == 0)
            {
                var (from, to) = Synonyms[random.Next(Synonyms.Length)];
                var at = text.IndexOf(from, StringComparison.Ordinal);
                if (at >= 0) text = string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
            }
            var context = string.Format(inv, Contexts[random.Next(Contexts.Length)], random.Next(2, 400), Municipalities[random.Next(Municipalities.Length)]);
            text = random.Next(2) == 0 ? text.TrimEnd() + " " + context : context + " " + text;
            needs.Add((new ClusterInput(need.Id, text), theme));
        }
        return needs;
    }

    /// <summary>The demo procurement's requirement texts (150).</summary>
    public static IReadOnlyList<string> Requirements() => DemoContent.Load().Requirements.Select(r => r.Text).ToList();
}
