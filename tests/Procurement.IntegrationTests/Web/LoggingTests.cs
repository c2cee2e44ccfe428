using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>Every log line written while a request runs carries that request's id (the one on its error page).</summary>
public sealed class LoggingTests(LoggingTests.CapturingApp app) : IClassFixture<LoggingTests.CapturingApp>
{
    [Fact]
    public async Task Log_lines_written_during_a_request_carry_its_request_id()
    {
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/konto/logga-in", "/konto/logga-in",
            new Dictionary<string, string> { ["Email"] = "okand@test.example", ["Password"] = "fel fel fel fel fel" });
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        var refusal = Assert.Single(app.Captured, e => e.Message.StartsWith("Sign-in refused", StringComparison.Ordinal) && e.RequestId == requestId);
        Assert.Equal(LogLevel.Information, refusal.Level);
    }

    public sealed record Entry(LogLevel Level, string Message, string? RequestId);

    public sealed class CapturingApp : ProcurementWebFactory
    {
        public ConcurrentBag<Entry> Captured { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new ScopeCapturingProvider(Captured)));
        }
    }

    private sealed class ScopeCapturingProvider(ConcurrentBag<Entry> entries) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeCapturingProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? requestId = null;
                provider.scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    {
                        requestId ??= values.FirstOrDefault(v => v.Key == "RequestId").Value?.ToString();
                    }
                }, (object?)null);
                provider.Captured.Add(new Entry(logLevel, formatter(state, exception), requestId));
            }
        }

        private ConcurrentBag<Entry> Captured => entries;
    }
}
