using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Procurement.Benchmarks;

/// <summary>
/// The jobs of this project. In-process (see Program.cs), with a bounded number of iterations: on a shared, busy
/// machine BenchmarkDotNet's default would keep iterating until the noise settles, past the in-process time limit.
/// </summary>
public static class InProcessJobs
{
    private static readonly InProcessEmitToolchain Toolchain = new(TimeSpan.FromMinutes(30), logOutput: true);

    public static Job Bounded { get; } = Job.Default.WithToolchain(Toolchain).WithWarmupCount(3).WithIterationCount(15);

    /// <summary>For the slow, quadratic baseline, where one run already takes seconds: one warm-up, five runs.</summary>
    public static Job Quick { get; } = Job.Default.WithToolchain(Toolchain)
        .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5);
}

/// <summary>Applies <see cref="InProcessJobs.Quick"/> to a benchmark class.</summary>
public sealed class QuickInProcessConfig : ManualConfig
{
    public QuickInProcessConfig() => AddJob(InProcessJobs.Quick);
}
