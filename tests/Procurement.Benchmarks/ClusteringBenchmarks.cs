using BenchmarkDotNet.Attributes;
using Procurement.Domain.Merging;

namespace Procurement.Benchmarks;

/// <summary>The engine clustering N demo needs (analysis included). Target: 20,000 in ≤ 2 s and ≤ 500 MB on 2 cores.</summary>
[MemoryDiagnoser]
public class ClusteringBenchmarks
{
    private IReadOnlyList<ClusterInput> items = [];

    [Params(2_000, 5_000, 20_000)]
    public int N { get; set; }

    /// <summary>Every text distinct (a municipal context added to each phrasing), as real submissions are.</summary>
    [Params(false, true)]
    public bool Distinct { get; set; }

    [GlobalSetup]
    public void Setup() => items = Distinct ? DemoNeeds.DrawDistinct(N) : DemoNeeds.Draw(N);

    [Benchmark]
    public int Engine() => NearDuplicateClusterer.Swedish.Cluster(items).Count;
}
