using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Procurement.Data.DataProtection;
using Procurement.Data.Dialects;
using Procurement.Data.Email;
using Procurement.Data.Journal;
using Procurement.Data.Migrations;
using Procurement.Data.Organisations;
using Procurement.Data.Seeding;
using Procurement.Data.TypeHandlers;

namespace Procurement.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database (one <see cref="DbDataSource"/> chosen by <c>Database:Provider</c>), its dialect,
    /// migrations, reference data, the journal and the e-mail outbox. Used by the web app and the CLI alike.
    /// </summary>
    public static IServiceCollection AddProcurementData(this IServiceCollection services)
    {
        DapperConfiguration.EnsureConfigured();

        // Read when the container is built, not now: hosts (and tests) may still be adding configuration.
        services.AddSingleton(sp => ReadDatabaseOptions(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISqlDialect>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite
            ? new SqliteDialect()
            : new SqlServerDialect());
        services.AddSingleton<DbDataSource>(sp =>
        {
            var options = sp.GetRequiredService<DatabaseOptions>();
            return options.Provider == DatabaseProvider.Sqlite
                ? new SqliteDataSource(options.EffectiveConnectionString)
                : SqlClientFactory.Instance.CreateDataSource(options.EffectiveConnectionString);
        });
        services.AddSingleton(sp => new WriteGate(sp.GetRequiredService<DatabaseOptions>().Provider));

        services.AddScoped<DbSession>();
        services.AddScoped<JournalWriter>();
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<OrganisationCommands>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<StandardsCatalogueSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<MigrationRunner>();

        services.AddOptions<EmailOptions>().BindConfiguration("Email");
        services.AddSingleton<EmailSignal>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<IEmailTransport>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Delivery == EmailDelivery.Smtp
                ? ActivatorUtilities.CreateInstance<SmtpTransport>(sp)
                : ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(sp));
        services.AddSingleton<EmailDispatcher>();

        return services;
    }

    /// <summary>
    /// Data Protection keys in the database, shared by every instance of the app; encrypted at rest with the
    /// certificate named by <c>DataProtection:Certificate:Path</c> (and <c>:Password</c>) when one is given.
    /// </summary>
    public static IServiceCollection AddProcurementDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        // Registered before AddDataProtection: hosted services start in order, and ASP.NET's own one reads the
        // key ring at start-up, which must by then hold the key this one creates.
        services.AddHostedService<KeyRingMaintenance>();
        var builder = services.AddDataProtection()
            .SetApplicationName("Procurement")
            .SetDefaultKeyLifetime(KeyRingMaintenance.KeyLifetime);
        if (KeyEncryptionCertificate.Load(configuration) is { } certificate)
        {
            builder.ProtectKeysWithCertificate(certificate);
        }

        services.AddSingleton<DbXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DbXmlRepository>((o, repository) =>
            {
                o.XmlRepository = repository;
                // Keys are made by KeyRingMaintenance (at start-up and ahead of expiry), never lazily inside a
                // request that may hold the SQLite write lock the key insert would wait for.
                o.AutoGenerateKeys = false;
            });
        return services;
    }

    public static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider har det okända värdet \"{providerText}\". Tillåtna värden: Sqlite, SqlServer.");
        }

        return new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName),
        };
    }

    /// <summary>Applies pending migrations and brings reference data up to date.</summary>
    public static async Task<IReadOnlyList<Migration>> MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var applied = await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<StandardsCatalogueSeeder>().SeedAsync(cancellationToken);
        return applied;
    }
}
