namespace Procurement.Data;

/// <summary>
/// SQLite allows one writer at a time. Letting requests queue here, in process, instead of spinning on
/// SQLITE_BUSY keeps writes fair and fast under load; the busy timeout still covers other processes
/// (the CLI). SQL Server locks rows itself, so there the gate is open.
/// </summary>
public sealed class WriteGate(DatabaseProvider provider) : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim? semaphore = provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (semaphore is null)
        {
            return NoLease.Instance;
        }

        if (!await semaphore.WaitAsync(MaxWait, cancellationToken))
        {
            throw new TimeoutException("Databasen är upptagen: ingen skrivning kunde påbörjas inom 30 sekunder.");
        }

        return new Lease(semaphore);
    }

    public void Dispose() => semaphore?.Dispose();

    private sealed class Lease(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
