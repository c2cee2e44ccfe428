using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>With Email:Delivery = Smtp the outbox is delivered to the configured SMTP server.</summary>
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task A_reset_link_is_sent_through_the_configured_smtp_server()
    {
        await using var smtp = new FakeSmtpServer();
        using var app = ProcurementWebFactory.With(overrides: new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:FromAddress"] = "noreply@upphandling.example",
        });
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();

        await client.SubmitAsync("/konto/glomt-losenord", "/konto/glomt-losenord", new Dictionary<string, string> { ["Email"] = user.Email });
        await app.DeliverEmailAsync();

        var (from, to, data) = Assert.Single(smtp.Received);
        Assert.Equal("noreply@upphandling.example", from);
        Assert.Equal(user.Email, to);
        Assert.Contains("https://localhost/konto/aterstall-losenord?anvandare=", data.Replace("=\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(app.MailDirectory) ? Directory.GetFiles(app.MailDirectory) : []);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM outgoing_emails WHERE sent_at IS NOT NULL AND text_body = ''"));
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_later_and_the_request_still_succeeds()
    {
        using var app = ProcurementWebFactory.With(overrides: new Dictionary<string, string?>
        {
            ["Email:Delivery"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = "1", // nothing listens there
            ["Email:Smtp:Security"] = "None",
        });
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();

        var response = await client.SubmitAsync("/konto/glomt-losenord", "/konto/glomt-losenord", new Dictionary<string, string> { ["Email"] = user.Email });
        await app.DeliverEmailAsync();

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM outgoing_emails WHERE sent_at IS NULL AND last_error IS NOT NULL AND attempts >= 1"));
    }
}
