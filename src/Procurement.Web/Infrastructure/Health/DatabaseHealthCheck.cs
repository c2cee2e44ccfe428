using Microsoft.Extensions.Diagnostics.HealthChecks;
using Procurement.Data;
using Procurement.Data.Dialects;
using Procurement.Data.Migrations;

namespace Procurement.Web.Infrastructure.Health;

/// <summary>Healthy when the database answers and holds every migration this version of the app knows.</summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes, ISqlDialect dialect) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var expected = Migration.LoadAll(dialect).Count;
            var applied = await session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations", cancellationToken: cancellationToken);
            return applied >= expected
                ? HealthCheckResult.Healthy($"{applied} migrations")
                : HealthCheckResult.Unhealthy($"{applied} of {expected} migrations applied");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer", ex);
        }
    }
}
