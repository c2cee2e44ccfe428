using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Procurement.Cli;

namespace Procurement.Load;

/// <summary>
/// <c>dotnet run -c Release --project tests/Procurement.Load -- [--submissions 20000] [--connections 64] [--seconds 20] [--no-cache] [--hold]</c>
/// Prints one Markdown table row per scenario for docs/performance.md, then times two 20,000-row imports. <c>--no-cache</c> turns the triage cache off, so
/// every request reads the database: the figure for a list that changes between every two requests.
/// </summary>
public static partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        var submissions = Option(args, "--submissions", 20_000);
        var connections = Option(args, "--connections", 64);
        var seconds = Option(args, "--seconds", 20);
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("procurement-load-").FullName;
        var database = Path.Combine(work, "procurement.db");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Procurement"] = $"Data Source={database}",
        };

        Console.Error.WriteLine($"Publishing the app (Release) to {work}/app …");
        Run("dotnet", $"publish \"{Path.Combine(root, "src", "Procurement.Web")}\" -c Release -o \"{Path.Combine(work, "app")}\" --nologo -v quiet");

        Console.Error.WriteLine($"Seeding DEMO-1 with {submissions} needs …");
        var seedOutput = new StringWriter();
        var seeded = await CliApp.RunAsync(["seed-demo", "--submissions", submissions.ToString(CultureInfo.InvariantCulture)], seedOutput, Console.Error, settings);
        if (seeded != 0)
        {
            return seeded;
        }

        var password = DemoPassword(seedOutput.ToString(), "upphandlare@demo.test");
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var cached = !args.Contains("--no-cache");
        using var app = StartApp(work, database, baseUrl, cached);
        try
        {
            await WaitForHealthAsync(baseUrl);
            var officer = await OfficerSession.SignInAsync(baseUrl, "upphandlare@demo.test", password);
            var procurement = await officer.FirstProcurementAsync();
            if (args.Contains("--hold"))
            {
                // For profiling by hand: the app keeps running until Enter.
                Console.WriteLine($"{baseUrl}/upphandlingar/{procurement}/sortering\nCookie: {officer.CookieHeader}");
                Console.ReadLine();
                return 0;
            }

            var scenarios = new (string Name, string Path, string Expect)[]
            {
                ("Triage, first page (newest first)", $"/upphandlingar/{procurement}/sortering", "behov"),
                ("Triage, full-text search \"bokning\"", $"/upphandlingar/{procurement}/sortering?sok=bokning", "bokning"),
                ("Triage, county + kind filter, page 3", $"/upphandlingar/{procurement}/sortering?lan=01&typ=Ska&sida=3", "behov"),
                ("Triage, sorted by organisation, page 40", $"/upphandlingar/{procurement}/sortering?sortera=organisation&sida=40", "behov"),
            };

            Console.WriteLine($"| Scenario | Requests/s | p50 | p99 | Errors |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var (_, path, expect) in scenarios)
            {
                // Warm-up, not measured: the JIT's tiers and the caches settle as they would in a running service.
                await officer.AssertPageAsync(path, expect);
                Wrk(baseUrl + path, officer.CookieHeader, connections, seconds: 5);
            }

            foreach (var (name, path, _) in scenarios)
            {
                var result = Wrk(baseUrl + path, officer.CookieHeader, connections, seconds);
                Console.WriteLine($"| {name} | {result.RequestsPerSecond:F0} | {result.P50} | {result.P99} | {result.Errors} |");
            }

            // Last, because it adds 40,000 needs to the list measured above.
            Console.WriteLine();
            Console.WriteLine("| Import (officer on behalf of a municipality) | Rows | Upload → preview | Commit → completed |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var file in new[] { "behov.csv", "behov.xlsx" })
            {
                var timing = await ImportMeasurement.RunAsync(officer, procurement, file, 20_000);
                Console.WriteLine($"| {timing.File} | {timing.Rows} | {timing.Preview.TotalSeconds:F1} s | {timing.Commit.TotalSeconds:F1} s |");
            }

            Console.WriteLine();
            Console.WriteLine($"App peak memory (VmHWM): {PeakMemory(app)}; {submissions} needs; triage cache {(cached ? "on" : "off")}; wrk -t2 -c{connections} -d{seconds}s; {Environment.ProcessorCount} cores.");
            return 0;
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static Process StartApp(string work, string database, string baseUrl, bool cached)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(work, "app", "Procurement.Web.dll")}\" --urls {baseUrl}")
        {
            WorkingDirectory = Path.Combine(work, "app"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Procurement"] = $"Data Source={database}";
        start.Environment["App__PublicBaseUrl"] = "https://upphandling.example.se";
        start.Environment["Security__SecureCookies"] = "false"; // plain HTTP on the loopback, so wrk needs no TLS
        start.Environment["Email__Delivery"] = "Pickup";
        start.Environment["Email__PickupDirectory"] = Path.Combine(work, "mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Triage__CacheEntries"] = cached ? "2000" : "0";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(string baseUrl)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(baseUrl + "/health"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("The app did not become healthy within a minute.");
    }

    private static WrkResult Wrk(string url, string cookie, int connections, int seconds)
    {
        var output = Run("wrk", $"-t2 -c{connections} -d{seconds}s --latency -H \"Cookie: {cookie}\" \"{url}\"");
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = NonSuccess().Match(output) is { Success: true } m ? m.Groups[1].Value : "0";
        var socketErrors = SocketErrors().Match(output) is { Success: true } s ? $" ({s.Value.Trim()})" : "";
        return new WrkResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), errors + socketErrors);
    }

    private static string Percentile(string output, string percentile) =>
        Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    private static string Run(string file, string arguments)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {arguments} failed:\n{output}");
    }

    private static string DemoPassword(string seedOutput, string email) =>
        seedOutput.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(email, StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]
        ?? throw new InvalidOperationException("The demo accounts existed already; use a fresh database.");

    private static string PeakMemory(Process process)
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return status?["VmHWM:".Length..].Trim() ?? "unknown";
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Procurement.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors:[^\n]*")]
    private static partial Regex SocketErrors();

    private sealed record WrkResult(double RequestsPerSecond, string P50, string P99, string Errors);
}
