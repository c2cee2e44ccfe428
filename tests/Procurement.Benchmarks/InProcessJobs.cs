using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Procurement.Benchmarks;

/// <summary>
/// The job of this project: in-process (see Program.cs), with a bounded number of iterations, because on a shared,
/// busy machine BenchmarkDotNet's default keeps iterating until the noise settles, past the in-process time limit.
/// </summary>
public static class InProcessJobs
{
    private static readonly InProcessEmitToolchain Toolchain = new(TimeSpan.FromMinutes(30), logOutput: true);

    public static Job Bounded { get; } = Job.Default.WithToolchain(Toolchain).WithWarmupCount(3).WithIterationCount(15);
}
