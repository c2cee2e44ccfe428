using System.Diagnostics;
using System.Globalization;
using Procurement.Cli.Offline;
using Procurement.Domain.Merging;
using Procurement.Domain.TextAnalysis;

namespace Procurement.Benchmarks;

/// <summary>
/// One clustering of N needs in a fresh process, for figures we can quote: elapsed time and the process's peak
/// working set (which includes the runtime and the input, so it is an upper bound for the engine).
/// With <c>phases</c> it also prints the time of each phase of the clusterer; with <c>dump</c> it writes every
/// suggested cluster (members, similarity, shared terms) to a file, to check that a change leaves results alone;
/// with <c>again</c> it clusters that many more times in the same process and prints each warm run's phases; with
/// <c>score</c> it prints pairwise and B-cubed F1 against the demo themes the needs were drawn from (their gold
/// clusters), so that a faster but approximate setting (<c>exactFactor</c>) is judged on quality, not on agreement alone.
/// </summary>
public static class PeakRun
{
    public static int Run(int count, TextWriter output, bool distinct = false, bool phases = false, string? dump = null, int again = 0,
        bool score = false, int exactFactor = CandidateIndex.DefaultExactFactor, string? csv = null)
    {
        var labelled = distinct ? DemoNeeds.DrawDistinctLabelled(count) : DemoNeeds.DrawLabelled(count);
        var items = labelled.Select(n => n.Need).ToList();
        if (csv is not null) CsvTableWriter.Write(csv, ["id", "text"], items.Select(i => new[] { i.Id, i.Text }));
        var timings = new List<(string Phase, double Ms, double CpuMs, double AllocatedMb, double PauseMs)>();
        var phaseWatch = new Stopwatch();
        var phaseCpu = TimeSpan.Zero;
        var phaseAllocated = 0L;
        var phasePaused = TimeSpan.Zero;
        var clusterer = new NearDuplicateClusterer(TextAnalyzer.Swedish)
        {
            ExactFactor = exactFactor,
            Phase = !phases ? null : name =>
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocatedNow = GC.GetTotalAllocatedBytes(precise: false);
                var pausedNow = GC.GetTotalPauseDuration();
                timings.Add((name, phaseWatch.Elapsed.TotalMilliseconds, (cpu - phaseCpu).TotalMilliseconds, (allocatedNow - phaseAllocated) / 1_048_576.0,
                    (pausedNow - phasePaused).TotalMilliseconds));
                phaseCpu = cpu;
                phaseAllocated = allocatedNow;
                phasePaused = pausedNow;
                phaseWatch.Restart();
            },
        };
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var before = process.PeakWorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        phaseCpu = cpuBefore;
        phaseAllocated = GC.GetTotalAllocatedBytes(precise: false);
        phasePaused = GC.GetTotalPauseDuration();
        phaseWatch.Start();
        var clusters = clusterer.Cluster(items);
        watch.Stop();
        var firstRun = timings.Count;
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var peak = process.PeakWorkingSet64;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_048_576.0;
        var inv = CultureInfo.InvariantCulture;
        // Warm runs in the same process (JIT done): the figures of a long-running server.
        for (var r = 0; r < again; r++)
        {
            var pausedBefore = GC.GetTotalPauseDuration();
            var gen2Before = GC.CollectionCount(2);
            var w0 = Stopwatch.StartNew();
            phaseWatch.Restart();
            phaseCpu = Process.GetCurrentProcess().TotalProcessorTime;
            phaseAllocated = GC.GetTotalAllocatedBytes(precise: false);
            phasePaused = GC.GetTotalPauseDuration();
            var mark = timings.Count;
            clusterer.Cluster(items);
            output.WriteLine(string.Format(inv, "Warm run: {0:N0} ms (GC pauses {1:N0} ms, {2} gen-2 collections); ", w0.ElapsedMilliseconds,
                    (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds, GC.CollectionCount(2) - gen2Before)
                + string.Join(", ", timings.Skip(mark).Select(t => string.Format(inv, "{0} {1:N0} ms ({2:N0} CPU, {3:N0} MB, GC {4:N0} ms)", t.Phase, t.Ms, t.CpuMs, t.AllocatedMb, t.PauseMs))));
        }
        output.WriteLine(string.Format(inv, "Clustering {0:N0} needs ({4:N0} distinct texts): {1:N0} ms ({5:N0} ms CPU), {2:N0} clusters of 2+, {3} cores", count, watch.ElapsedMilliseconds, clusters.Count, Environment.ProcessorCount,
            items.Select(i => i.Text).Distinct(StringComparer.Ordinal).Count(), cpuMs));
        output.WriteLine(string.Format(inv, "Peak working set: {0:N0} MB (before clustering: {1:N0} MB); allocated while clustering: {2:N0} MB",
            peak / 1_048_576.0, before / 1_048_576.0, allocatedMb));
        if (phases) output.WriteLine("Phases: " + string.Join(", ", timings.Take(firstRun).Select(t => string.Format(inv, "{0} {1:N0} ms ({2:N0} CPU, {3:N0} MB, GC {4:N0} ms)", t.Phase, t.Ms, t.CpuMs, t.AllocatedMb, t.PauseMs))));
        if (score)
        {
            var gold = labelled.ToDictionary(n => n.Need.Id, n => n.Theme, StringComparer.Ordinal);
            var predicted = items.ToDictionary(i => i.Id, i => "single:" + i.Id, StringComparer.Ordinal);
            for (var c = 0; c < clusters.Count; c++)
            {
                foreach (var id in clusters[c].MemberIds) predicted[id] = "cluster:" + c.ToString(inv);
            }
            var pairwise = Procurement.Quality.Metrics.Pairwise(predicted, gold);
            var bcubed = Procurement.Quality.Metrics.BCubed(predicted, gold);
            output.WriteLine(string.Format(inv, "Against the demo themes (exact factor {0}): pairwise P {1:F3} R {2:F3} F1 {3:F3}; B-cubed P {4:F3} R {5:F3} F1 {6:F3}",
                exactFactor, pairwise.Precision, pairwise.Recall, pairwise.F1, bcubed.Precision, bcubed.Recall, bcubed.F1));
        }
        if (dump is not null)
        {
            using var writer = new StreamWriter(dump);
            foreach (var cluster in clusters)
            {
                writer.WriteLine(string.Format(inv, "{0:R}\t{1}\t{2}", cluster.Similarity, string.Join(' ', cluster.SharedTerms), string.Join(' ', cluster.MemberIds)));
            }
        }
        return 0;
    }
}
