using BenchmarkDotNet.Attributes;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Benchmarks;

/// <summary>
/// The all-pairs baseline on the same needs. Quadratic: 20,000 needs are 200 million cosines, about 15 s a run on
/// our 2-core machine, so one warm-up and five measured runs only (a few minutes for the class).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
public class AllPairsBenchmarks
{
    private IReadOnlyList<ClusterInput> items = [];

    [Params(2_000, 5_000, 20_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => items = DemoNeeds.Draw(N);

    [Benchmark]
    public int AllPairs() => AllPairsClusterer.Cluster(items, TextAnalyzer.Swedish);
}
