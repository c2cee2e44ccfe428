using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Identity;

/// <summary>Server-side sessions: a new id at every sign-in, gone at sign-out, all gone at a password change.</summary>
public sealed class SessionTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    [Fact]
    public async Task Each_sign_in_gets_a_new_session_and_sign_out_ends_it_on_the_server()
    {
        var user = await app.CreateUserAsync(Roles.MunicipalityRepresentative);
        using var first = app.NewClient();
        using var second = app.NewClient();
        await first.SignInAsync(user);
        await second.SignInAsync(user);
        var sessionIds = await app.WithServicesAsync(async sp =>
            await sp.GetRequiredService<Procurement.Data.DbSession>().QueryAsync<string>("SELECT id FROM auth_sessions WHERE user_id = @Id", new { user.Id }));
        Assert.Equal(2, sessionIds.Distinct().Count());

        var stolenCookie = first.Cookie("__Host-procurement-auth");
        Assert.NotNull(stolenCookie);
        var signOut = await first.PostAsync("/konto/logga-ut", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // Replaying the cookie from before the sign-out no longer works: the session row is gone.
        using var replay = app.NewClient();
        replay.Cookies.Add(new Uri("https://localhost/"), new Cookie("__Host-procurement-auth", stolenCookie) { Secure = true });
        var replayed = await replay.GetAsync("/konto");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("https://localhost/konto/logga-in", replayed.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/konto")).StatusCode);
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT COUNT(*) FROM auth_sessions WHERE user_id = @Id", new { user.Id }));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_session_and_the_new_password_signs_in_afresh()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var laptop = app.NewClient();
        using var phone = app.NewClient();
        await laptop.SignInAsync(user);
        await phone.SignInAsync(user);
        var sessionsBefore = await SessionIdsAsync(user.Id);

        var change = await laptop.SubmitAsync("/konto/losenord", "/konto/losenord", new Dictionary<string, string>
        {
            ["CurrentPassword"] = user.Password,
            ["NewPassword"] = "ett helt nytt lösenord för testet",
            ["ConfirmPassword"] = "ett helt nytt lösenord för testet",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal("/konto/logga-in", change.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/konto")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/konto")).StatusCode);
        Assert.Empty(await SessionIdsAsync(user.Id));
        await laptop.SignInAsync(user with { Password = "ett helt nytt lösenord för testet" });
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/konto")).StatusCode);
        Assert.DoesNotContain(Assert.Single(await SessionIdsAsync(user.Id)), sessionsBefore); // a new session id
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var client = app.NewClient();
        await client.SignInAsync(user);
        var stamp = await app.QueryScalarAsync<string>("SELECT security_stamp FROM users WHERE id = @Id", new { user.Id });

        var change = await client.SubmitAsync("/konto/losenord", "/konto/losenord", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "inte mitt lösenord alls",
            ["NewPassword"] = "ett helt nytt lösenord för testet",
            ["ConfirmPassword"] = "ett helt nytt lösenord för testet",
        });

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("Fel lösenord.", (await TestClient.ParseAsync(change)).QuerySelector("#CurrentPassword-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(stamp, await app.QueryScalarAsync<string>("SELECT security_stamp FROM users WHERE id = @Id", new { user.Id }));
        Assert.Equal(1, await app.QueryScalarAsync<int>("SELECT access_failed_count FROM users WHERE id = @Id", new { user.Id })); // counts toward lockout
    }

    [Fact]
    public async Task Ending_other_sessions_keeps_this_one()
    {
        var user = await app.CreateUserAsync(Roles.Supplier);
        using var here = app.NewClient();
        using var elsewhere = app.NewClient();
        await here.SignInAsync(user);
        await elsewhere.SignInAsync(user);

        var end = await here.SubmitAsync("/konto", "/konto/sessioner/avsluta-andra", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/konto")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/konto")).StatusCode);
    }

    private Task<IReadOnlyList<string>> SessionIdsAsync(Guid userId) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<Procurement.Data.DbSession>().QueryAsync<string>("SELECT id FROM auth_sessions WHERE user_id = @userId", new { userId }));
}
