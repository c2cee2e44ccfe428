using BenchmarkDotNet.Attributes;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Benchmarks;

/// <summary>
/// The all-pairs baseline on the same needs. Only up to 5,000: it is quadratic (20,000 would be 200 million cosines
/// per run, minutes per benchmark iteration); few iterations for the same reason.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickInProcessConfig))]
public class AllPairsBenchmarks
{
    private IReadOnlyList<ClusterInput> items = [];

    [Params(2_000, 5_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => items = DemoNeeds.Draw(N);

    [Benchmark]
    public int AllPairs() => AllPairsClusterer.Cluster(items, TextAnalyzer.Swedish);
}
