using BenchmarkDotNet.Attributes;
using Procurement.Data.Seeding;
using Procurement.Domain.Standards;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Benchmarks;

/// <summary>Suggesting standards for every demo requirement (150) from the seeded catalogue.</summary>
[MemoryDiagnoser]
public class StandardsBenchmarks
{
    private IReadOnlyList<string> requirements = [];
    private StandardSuggester suggester = null!;

    [GlobalSetup]
    public void Setup()
    {
        requirements = DemoNeeds.Requirements();
        suggester = new StandardSuggester(TextAnalyzer.Swedish, StandardsSeed.Entries());
    }

    [Benchmark]
    public int SuggestAll() => requirements.Sum(r => suggester.Suggest(r, 3).Count);

    /// <summary>Building the suggester (the catalogue's analysis) is paid once per process; measured apart.</summary>
    [Benchmark]
    public StandardSuggester Build() => new(TextAnalyzer.Swedish, StandardsSeed.Entries());
}
