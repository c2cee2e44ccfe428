using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Procurement.Benchmarks;

// All benchmarks:      dotnet run -c Release --project tests/Procurement.Benchmarks -- --filter '*'
// One class:           dotnet run -c Release --project tests/Procurement.Benchmarks -- --filter '*Clustering*'
// Peak memory, once:   dotnet run -c Release --project tests/Procurement.Benchmarks -- --peak [N, default 20000]
// The same with (almost) every text distinct, as real submissions are:
//                      dotnet run -c Release --project tests/Procurement.Benchmarks -- --peak-distinct [N, default 20000]
//
// Benchmarks run in-process: BenchmarkDotNet's default toolchain would generate and build a project that references
// the web app for every run, which on a shared 2-core machine costs more than it measures.
if (args.Length > 0 && args[0] is "--peak" or "--peak-distinct")
{
    var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
    return PeakRun.Run(count, Console.Out, distinct: args[0] == "--peak-distinct");
}

var config = DefaultConfig.Instance.AddJob(InProcessJobs.Bounded.AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(DemoNeeds).Assembly).Run(args, config);
return 0;
