using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Procurement.Data.DataProtection;

/// <summary>
/// Creates the next Data Protection key well before the current one expires, at start-up and daily.
/// Left to itself the key manager creates keys lazily inside the first request that needs one; on SQLite
/// that request may hold the write lock the key insert then waits for.
/// </summary>
public sealed class KeyRingMaintenance(IKeyManager keys, TimeProvider clock, ILogger<KeyRingMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);
    private static readonly TimeSpan Lead = TimeSpan.FromDays(14);

    public void EnsureKey()
    {
        var now = clock.GetUtcNow();
        var usable = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now + Lead).ToList();
        if (usable.Any(k => k.ExpirationDate > now + Lead))
        {
            return;
        }

        var activation = usable.Count == 0 ? now : usable.Max(k => k.ExpirationDate);
        keys.CreateNewKey(activation, activation + KeyLifetime);
        logger.LogInformation("Created a Data Protection key active from {Activation:u}", activation);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureKey(); // before the first request
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                EnsureKey();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Data Protection key maintenance failed");
            }
        }
    }
}
