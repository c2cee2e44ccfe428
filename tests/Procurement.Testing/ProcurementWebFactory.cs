using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Data;
using Procurement.Data.Email;
using Procurement.Data.Identity;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Organisations;

namespace Procurement.Testing;

/// <summary>
/// The real app over a fresh SQLite file of its own (one per test class), configured as production would
/// be: __Host- cookies over https://localhost, e-mail to a pickup folder the test can read.
/// </summary>
public class ProcurementWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly FileLoggerProvider logger;
    private int userCounter;

    public ProcurementWebFactory()
        : this(databasePath: null, overrides: null)
    {
    }

    // Not public: xunit class fixtures may have only one public constructor. Use With(...).
    protected ProcurementWebFactory(string? databasePath, IReadOnlyDictionary<string, string?>? overrides)
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "procurement-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkDirectory);
        DatabasePath = databasePath ?? Path.Combine(WorkDirectory, "procurement.db");
        MailDirectory = Path.Combine(WorkDirectory, "mail");
        logger = new FileLoggerProvider(Path.Combine(WorkDirectory, "app.log"));
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Procurement"] = $"Data Source={DatabasePath}",
            ["Email:Delivery"] = "Pickup",
            ["Email:PickupDirectory"] = MailDirectory,
            ["RateLimits:SignInPerMinute"] = "100000",
            ["Security:SecureCookies"] = "true",
            ["App:PublicBaseUrl"] = "https://localhost",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    /// <summary>A factory over a given database file (to share it between two app instances) or with other settings.</summary>
    public static ProcurementWebFactory With(string? databasePath = null, IReadOnlyDictionary<string, string?>? overrides = null) =>
        new(databasePath, overrides);

    public string WorkDirectory { get; }

    public string DatabasePath { get; }

    public string MailDirectory { get; }

    public IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary>A client with its own cookie jar, not signed in.</summary>
    public TestClient NewClient()
    {
        var cookies = new CookieContainer();
        return new TestClient(CreateDefaultClient(ClientOptions.BaseAddress, new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>A client signed in as a new user of the role (officers and administrators with two-factor done).</summary>
    public async Task<(TestClient Client, TestUser User)> SignedInAsync(string role, Guid? organisationId = null)
    {
        var user = await CreateUserAsync(role, organisationId);
        var client = NewClient();
        await client.SignInAsync(user);
        return (client, user);
    }

    /// <summary>
    /// A confirmed user with a known password. Officers and administrators get an authenticator key and
    /// two-factor on, as after their first sign-in, unless <paramref name="twoFactor"/> says otherwise.
    /// </summary>
    public async Task<TestUser> CreateUserAsync(string role, Guid? organisationId = null, bool? twoFactor = null, string? email = null)
    {
        var number = Interlocked.Increment(ref userCounter);
        email ??= $"{role.ToLowerInvariant()}{number}@test.example";
        var password = $"testlösenord-{Guid.NewGuid():N}";
        var withTwoFactor = twoFactor ?? Roles.RequiringTwoFactor.Contains(role);

        await using var scope = Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        organisationId ??= await DefaultOrganisationAsync(provider, role);
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            Email = email,
            UserName = email,
            DisplayName = $"Test {role} {number}",
            OrganisationId = organisationId.Value,
            EmailConfirmed = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        string? key = null;
        await provider.GetRequiredService<DbSession>().WriteAsync(async () =>
        {
            Ensure(await users.CreateAsync(user, password));
            Ensure(await users.AddToRoleAsync(user, role));
            if (withTwoFactor)
            {
                Ensure(await users.ResetAuthenticatorKeyAsync(user));
                key = await users.GetAuthenticatorKeyAsync(user);
                Ensure(await users.SetTwoFactorEnabledAsync(user, true));
            }
        });
        return new TestUser(user.Id, email, password, role, organisationId.Value, key);
    }

    /// <summary>Runs a scoped piece of work against the app's services, as the app itself would.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> QueryScalarAsync<T>(string sql, object? parameters = null) =>
        WithServicesAsync(sp => sp.GetRequiredService<DbSession>().ExecuteScalarAsync<T>(sql, parameters));

    public Task<int> ExecuteAsync(string sql, object? parameters = null) =>
        WithServicesAsync(sp => sp.GetRequiredService<DbSession>().ExecuteAsync(sql, parameters));

    /// <summary>
    /// Delivers queued e-mail now, waits for any delivery the app's own dispatcher has under way, and returns
    /// every message in the pickup folder, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<SentEmail>> DeliverEmailAsync()
    {
        var dispatcher = Services.GetRequiredService<EmailDispatcher>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await dispatcher.DeliverDueAsync();
            if (await QueryScalarAsync<int>("SELECT COUNT(*) FROM outgoing_emails WHERE sent_at IS NULL AND last_error IS NULL") == 0)
            {
                break;
            }

            await Task.Delay(50);
        }

        return SentEmail.ReadAll(MailDirectory);
    }

    public async Task<SentEmail> SingleEmailToAsync(string address)
    {
        var messages = (await DeliverEmailAsync()).Where(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(messages.Count == 1, $"Expected one e-mail to {address}, found {messages.Count}.\n{Log}");
        return messages[0];
    }

    /// <summary>Warnings and errors the app logged so far.</summary>
    public string Log => logger.ReadAll();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Run from build output, like `dotnet run`: static files (and their pre-compressed twins) come from the
        // project and obj folders, which only the development manifest maps. A published app has them in wwwroot.
        builder.UseStaticWebAssets();
        builder.ConfigureLogging(logging => logging.AddProvider(logger));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Where a test class swaps a service (for example to make one fail).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // a file still open by a straggling connection; the temp folder is cleaned by the OS
            }
        }
    }

    private static async Task<Guid> DefaultOrganisationAsync(IServiceProvider provider, string role)
    {
        var organisations = provider.GetRequiredService<OrganisationQueries>();
        if (role == Roles.MunicipalityRepresentative)
        {
            return (await organisations.FindByReferenceAsync("0380"))!.Id; // Uppsala
        }

        var (kind, name, number) = role == Roles.Supplier
            ? (OrganisationKind.Supplier, "Test Leverantör AB", OrganisationNumber.Parse("556012-3456"))
            : (OrganisationKind.CentralPurchasingBody, "Test Inköpscentral", OrganisationNumber.Parse("202100-5554"));
        var existing = await organisations.FindByOrganisationNumberAsync(number);
        return existing?.Id ?? await provider.GetRequiredService<OrganisationCommands>().CreateAsync(kind, name, number, null);
    }

    private static void Ensure(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
}

public sealed record TestUser(Guid Id, string Email, string Password, string Role, Guid OrganisationId, string? AuthenticatorKey);
