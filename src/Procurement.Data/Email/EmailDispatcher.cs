using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Procurement.Data.Email;

/// <summary>
/// Delivers queued e-mail. Each message is claimed by moving its next attempt forward, so several app
/// instances never send the same message twice; failures are retried with growing pauses.
/// </summary>
public sealed class EmailDispatcher(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    EmailSignal signal,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailDispatcher> logger) : BackgroundService
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(5);

    /// <summary>Sends every message that is due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var now = clock.GetUtcNow();
        var due = await session.QueryAsync<QueuedEmail>(
            """
            SELECT id, to_address, subject, text_body, html_body, attempts
            FROM outgoing_emails
            WHERE sent_at IS NULL AND next_attempt_at <= @now AND attempts < @MaxAttempts
            ORDER BY next_attempt_at
            """, new { now, MaxAttempts }, cancellationToken);

        var sent = 0;
        foreach (var email in due)
        {
            var claimed = await session.ExecuteAsync(
                """
                UPDATE outgoing_emails SET attempts = attempts + 1, next_attempt_at = @Until
                WHERE id = @Id AND sent_at IS NULL AND next_attempt_at <= @now
                """, new { email.Id, Until = now + ClaimDuration, now }, cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance has it
            }

            try
            {
                await transport.SendAsync(ToMime(email), cancellationToken);
                // The bodies may hold single-use links; once delivered they are not kept.
                await session.ExecuteAsync(
                    "UPDATE outgoing_emails SET sent_at = @SentAt, text_body = '', html_body = NULL, last_error = NULL WHERE id = @Id",
                    new { email.Id, SentAt = clock.GetUtcNow() }, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var delay = TimeSpan.FromMinutes(Math.Pow(2, email.Attempts));
                var givingUp = email.Attempts + 1 >= MaxAttempts;
                logger.LogWarning(ex, "E-mail {EmailId} could not be delivered (attempt {Attempt}{Final})", email.Id, email.Attempts + 1, givingUp ? ", the last" : "");
                // A message that will never be sent keeps no single-use links either.
                await session.ExecuteAsync(
                    givingUp
                        ? "UPDATE outgoing_emails SET next_attempt_at = @Next, last_error = @Error, text_body = '', html_body = NULL WHERE id = @Id"
                        : "UPDATE outgoing_emails SET next_attempt_at = @Next, last_error = @Error WHERE id = @Id",
                    new { email.Id, Next = clock.GetUtcNow() + delay, Error = Truncate(ex.Message, 2000) }, cancellationToken);
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Delivery == EmailDelivery.Pickup)
        {
            logger.LogInformation("E-mail is written as .eml files to {Directory}", DataPaths.Resolve(options.Value.PickupDirectory));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "E-mail dispatch failed; retrying shortly");
                await Task.Delay(PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private MimeMessage ToMime(QueuedEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.ToAddress));
        message.Subject = email.Subject;
        message.MessageId = $"{email.Id:N}@procurement";
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed class QueuedEmail
    {
        public Guid Id { get; init; }

        public string ToAddress { get; init; } = "";

        public string Subject { get; init; } = "";

        public string TextBody { get; init; } = "";

        public string? HtmlBody { get; init; }

        public int Attempts { get; init; }
    }
}
