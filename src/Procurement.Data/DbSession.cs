using System.Data.Common;
using Dapper;
using Procurement.Data.Dialects;

namespace Procurement.Data;

/// <summary>
/// One connection for one unit of work: a web request (scoped), a CLI command or a background job.
/// Reads run on it directly. Writes run in its transaction: the one a request's transaction filter began,
/// or, outside one, a short transaction of their own. Every query passes the current transaction, so
/// callers never juggle connection and transaction themselves.
/// </summary>
public sealed class DbSession(DbDataSource dataSource, ISqlDialect dialect, WriteGate writeGate) : IAsyncDisposable
{
    private readonly List<Action> afterCommit = [];
    private DbConnection? connection;
    private DbTransaction? transaction;
    private IDisposable? writeLease;

    public ISqlDialect Dialect => dialect;

    public bool InTransaction => transaction is not null;

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken cancellationToken = default) =>
        connection ??= await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Begins the session's write transaction (waiting for the write gate on SQLite).</summary>
    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open in this session.");
        }

        writeLease = await writeGate.EnterAsync(cancellationToken);
        try
        {
            var open = await ConnectionAsync(cancellationToken);
            transaction = await dialect.BeginWriteTransactionAsync(open, cancellationToken);
        }
        catch
        {
            ReleaseWriteLease();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await EndTransactionAsync();
        }

        var callbacks = afterCommit.ToArray();
        afterCommit.Clear();
        foreach (var callback in callbacks)
        {
            callback();
        }
    }

    public async Task RollbackAsync()
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.RollbackAsync();
        }
        finally
        {
            afterCommit.Clear();
            await EndTransactionAsync();
        }
    }

    /// <summary>Runs <paramref name="callback"/> once the current transaction has committed (never on rollback).</summary>
    public void AfterCommit(Action callback)
    {
        if (transaction is null)
        {
            callback();
        }
        else
        {
            afterCommit.Add(callback);
        }
    }

    /// <summary>Runs <paramref name="work"/> in the open transaction, or in one of its own that it commits.</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (transaction is not null)
        {
            return await work();
        }

        await BeginAsync(cancellationToken);
        try
        {
            var result = await work();
            await CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    public Task WriteAsync(Func<Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync(async () =>
        {
            await work();
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var open = await ConnectionAsync(cancellationToken);
        var rows = await open.QueryAsync<T>(Command(sql, parameters, cancellationToken));
        return rows.AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var open = await ConnectionAsync(cancellationToken);
        return await open.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, cancellationToken));
    }

    public async Task<T> ExecuteScalarAsync<T>(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var open = await ConnectionAsync(cancellationToken);
        return (await open.ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken)))!;
    }

    /// <summary>Executes a statement that changes data, inside the session's write transaction.</summary>
    public Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default) =>
        WriteAsync(async () =>
        {
            var open = await ConnectionAsync(cancellationToken);
            return await open.ExecuteAsync(Command(sql, parameters, cancellationToken));
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private async Task EndTransactionAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
            transaction = null;
        }

        ReleaseWriteLease();
    }

    private void ReleaseWriteLease()
    {
        writeLease?.Dispose();
        writeLease = null;
    }
}
