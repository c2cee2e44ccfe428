namespace Procurement.Data.Email;

/// <summary>
/// Queues e-mail in the database within the caller's transaction: an invitation and its message are saved
/// together or not at all, and a slow or absent mail server never fails a user's request.
/// </summary>
public sealed class EmailOutbox(DbSession session, TimeProvider clock, EmailSignal signal)
{
    public async Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await session.ExecuteAsync(
            """
            INSERT INTO outgoing_emails (id, to_address, subject, text_body, html_body, created_at, attempts, next_attempt_at)
            VALUES (@Id, @To, @Subject, @TextBody, @HtmlBody, @Now, 0, @Now)
            """,
            new { Id = Guid.CreateVersion7(), message.To, message.Subject, message.TextBody, message.HtmlBody, Now = now },
            cancellationToken);
        session.AfterCommit(signal.Notify);
    }
}

/// <summary>Wakes the dispatcher as soon as a message is committed instead of at its next poll.</summary>
public sealed class EmailSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
