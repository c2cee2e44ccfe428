using System.Diagnostics;
using System.Globalization;
using Procurement.Domain.Merging;

namespace Procurement.Benchmarks;

/// <summary>
/// One clustering of N needs in a fresh process, for figures we can quote: elapsed time and the process's peak
/// working set (which includes the runtime and the input, so it is an upper bound for the engine).
/// </summary>
public static class PeakRun
{
    public static int Run(int count, TextWriter output, bool distinct = false)
    {
        var items = distinct ? DemoNeeds.DrawDistinct(count) : DemoNeeds.Draw(count);
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var before = process.PeakWorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var clusters = NearDuplicateClusterer.Swedish.Cluster(items);
        watch.Stop();
        process.Refresh();
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(inv, "Clustering {0:N0} needs ({4:N0} distinct texts): {1:N0} ms, {2:N0} clusters of 2+, {3} cores", count, watch.ElapsedMilliseconds, clusters.Count, Environment.ProcessorCount,
            items.Select(i => i.Text).Distinct(StringComparer.Ordinal).Count()));
        output.WriteLine(string.Format(inv, "Peak working set: {0:N0} MB (before clustering: {1:N0} MB); allocated while clustering: {2:N0} MB",
            process.PeakWorkingSet64 / 1_048_576.0, before / 1_048_576.0, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_048_576.0));
        return 0;
    }
}
