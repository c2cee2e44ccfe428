using System.Globalization;
using Procurement.Cli.Offline;
using Procurement.Data.Seeding;
using Procurement.Domain.Standards;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Cli.Commands;

/// <summary>
/// suggest-standards --input FIL --output FIL: up to three ranked standards per requirement from the seeded
/// catalogue, offline. Rows without a suggestion get no output row.
/// </summary>
public static class SuggestStandardsCommand
{
    public const int MaxSuggestions = 3;
    public static readonly IReadOnlyList<string> Header = ["id", "standard_id", "rank", "confident"];

    public static async Task<int> RunAsync(CommandLine command, TextWriter output)
    {
        command.Allow("input", "output");
        var input = command.Required("input");
        var target = command.Required("output");
        var rows = TextTableReader.Read(input);

        var suggester = new StandardSuggester(TextAnalyzer.Swedish, StandardsSeed.Entries());
        var suggestions = rows.Select(r => (r.Id, Suggestions: suggester.Suggest(r.Text, MaxSuggestions))).ToList();
        CsvTableWriter.Write(target, Header, suggestions.SelectMany(r => r.Suggestions.Select(s => (IReadOnlyList<string>)
            [r.Id, s.StandardId, s.Rank.ToString(CultureInfo.InvariantCulture), s.Confident ? "1" : "0"])));

        var linked = suggestions.Count(r => r.Suggestions.Count > 0);
        var total = suggestions.Sum(r => r.Suggestions.Count);
        var confident = suggestions.Sum(r => r.Suggestions.Count(s => s.Confident));
        await output.WriteLineAsync(
            $"{SwedishCount.Of(rows.Count, "rad", "rader")}, {SwedishCount.Of(linked)} med förslag, {SwedishCount.Of(total)} förslag på standarder ({SwedishCount.Of(confident, "säkert", "säkra")}) → {target}");
        return 0;
    }
}
