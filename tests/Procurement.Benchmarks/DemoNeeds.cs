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
    public static IReadOnlyList<ClusterInput> Draw(int count, int seed = 42)
    {
        var themes = DemoContent.Load().Needs;
        var totalWeight = themes.Sum(t => t.Weight);
        var random = new Random(seed);
        var needs = new List<ClusterInput>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(totalWeight);
            var theme = themes.SkipWhile(t => (pick -= t.Weight) >= 0).First();
            needs.Add(new ClusterInput(i.ToString("D6", CultureInfo.InvariantCulture), theme.Phrasings[random.Next(theme.Phrasings.Count)]));
        }

        return needs;
    }

    /// <summary>The demo procurement's requirement texts (150).</summary>
    public static IReadOnlyList<string> Requirements() => DemoContent.Load().Requirements.Select(r => r.Text).ToList();
}
