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
// Either with "--phases" (time and CPU time of each phase), "--dump FILE" (every suggested cluster, to diff
// before/after) and/or "--again K" (K more, warm runs in the same process, with their phases), "--score" (pairwise and
// B-cubed F1 against the demo themes the needs were drawn from) and "--exact-factor F" (proposals scored exactly per
// text, as a multiple of the 40 neighbours kept; default 4, 1000 scores every proposal) and/or "--csv FILE" (the needs
// drawn, as the CLI's input: id,text).
//
// Benchmarks run in-process: BenchmarkDotNet's default toolchain would generate and build a project that references
// the web app for every run, which on a shared 2-core machine costs more than it measures.
if (args.Length > 0 && args[0] is "--peak" or "--peak-distinct")
{
    var count = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
    return PeakRun.Run(count, Console.Out, distinct: args[0] == "--peak-distinct", phases: args.Contains("--phases"),
        dump: Option("--dump"),
        again: IntOption("--again", 0), score: args.Contains("--score"), exactFactor: IntOption("--exact-factor", Procurement.Domain.Merging.CandidateIndex.DefaultExactFactor),
        csv: Option("--csv"));
}

var config = DefaultConfig.Instance.AddJob(InProcessJobs.Bounded.AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(DemoNeeds).Assembly).Run(args, config);
return 0;

// The value after an option's name, or null when it is missing.
string? Option(string name) => Array.IndexOf(args, name) is var at and > 0 && at + 1 < args.Length ? args[at + 1] : null;

int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
