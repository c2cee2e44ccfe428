using Procurement.Data;
using Procurement.Data.Email;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Demo;

// `--seed-demo` creates the demo accounts and the demo procurement before the app starts (see README); it is not configuration.
var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--seed-demo").ToArray());

// Check the container at start-up in every environment, so tests catch what Development would.
builder.Host.UseDefaultServiceProvider(o =>
{
    o.ValidateScopes = true;
    o.ValidateOnBuild = true;
});

builder.AddProcurementLogging();
builder.Services.AddProcurementData();
builder.Services.AddProcurementDataProtection(builder.Configuration);
builder.Services.AddProcurementIdentity();
builder.Services.AddProcurementWeb();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());

var app = builder.Build();
PublicLinks.Validate(app.Configuration, app.Environment);

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await app.Services.MigrateDatabaseAsync();
}

if (seedDemo)
{
    await DemoStartup.SeedAndPrintAsync(app.Services, Console.Out);
}

app.UseProcurementPipeline();
DemoStartup.PrintAddressOnStart(app);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
