using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Procurement.Benchmarks;

/// <summary>
/// In-process like every job here (see Program.cs), with one warm-up and five measured runs: for the slow,
/// quadratic baseline, where one run already takes seconds.
/// </summary>
public sealed class QuickInProcessConfig : ManualConfig
{
    public QuickInProcessConfig() => AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
}
