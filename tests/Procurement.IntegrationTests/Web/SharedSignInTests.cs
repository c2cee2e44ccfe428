using System.Net;
using Procurement.Domain.Identity;
using Procurement.Testing;

namespace Procurement.IntegrationTests.Web;

/// <summary>
/// Two app instances over one database, as behind a load balancer: the Data Protection keys live in the
/// database, so a sign-in made on one instance is honoured by the other, and a sign-out on one ends it on both.
/// </summary>
public sealed class SharedSignInTests
{
    [Fact]
    public async Task A_cookie_issued_by_one_instance_is_accepted_by_another()
    {
        using var first = new ProcurementWebFactory();
        _ = first.Server;
        using var second = ProcurementWebFactory.With(databasePath: first.DatabasePath);
        var user = await first.CreateUserAsync(Roles.MunicipalityRepresentative);
        using var onFirst = first.NewClient();
        await onFirst.SignInAsync(user);

        using var onSecond = second.NewClient();
        onSecond.Cookies.Add(new Uri("https://localhost/"),
            new System.Net.Cookie("__Host-procurement-auth", onFirst.Cookie("__Host-procurement-auth")) { Secure = true });
        var page = await onSecond.GetAsync("/konto");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1, await second.QueryScalarAsync<int>("SELECT COUNT(*) FROM data_protection_keys"));

        await onSecond.PostAsync("/konto/logga-ut", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.GetAsync("/konto")).StatusCode);
    }
}
