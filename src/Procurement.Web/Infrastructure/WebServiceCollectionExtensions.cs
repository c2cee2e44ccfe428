using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using Procurement.Web.Infrastructure.Filters;
using Procurement.Web.Infrastructure.Health;
using Procurement.Web.Infrastructure.Localization;
using Procurement.Web.Infrastructure.Security;
using Procurement.Web.Infrastructure.Views;

namespace Procurement.Web.Infrastructure;

public static class WebServiceCollectionExtensions
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>MVC with feature folders, Swedish and English, the global filters, rate limits and health.</summary>
    public static IServiceCollection AddProcurementWeb(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddOptions<RequestLocalizationOptions>().Configure<CookieNames>((o, cookies) =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures.Swedish);
            o.SupportedCultures = Cultures.Supported;
            o.SupportedUICultures = Cultures.Supported;
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = cookies.Culture }];
        });

        services
            .AddControllersWithViews(options =>
            {
                options.Conventions.Add(new FeatureConvention());
                options.Filters.Add(new AuthorizeFilter()); // every page requires sign-in unless it says [AllowAnonymous]
                options.Filters.Add<RequireTwoFactorFilter>(order: 1);
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add<ValidationFilter>(order: 10);
                options.Filters.Add<TransactionFilter>(order: 20);
                options.Filters.Add<ConflictExceptionFilter>();
            })
            .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureViewLocationExpander()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddCookieTempDataProvider();
        services.AddOptions<CookieTempDataProviderOptions>().Configure<CookieNames>((o, cookies) =>
        {
            o.Cookie.Name = cookies.TempData;
            cookies.Apply(o.Cookie);
            o.Cookie.IsEssential = true;
        });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
            SwedishModelBindingMessages.Apply(o.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));

        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>().Configure<CookieNames>((o, cookies) =>
        {
            o.Cookie.Name = cookies.Antiforgery;
            cookies.Apply(o.Cookie, SameSiteMode.Strict);
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var signInsPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        // Write å, ä and ö as themselves rather than as &#xE5; (the encoder still escapes markup).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSingleton<PublicLinks>();
        services.AddProcurementFeatures();
        AddBackgroundWork(services);
        return services;
    }

    /// <summary>
    /// The query and command classes that live beside their controllers, and the demo seeding written with them.
    /// Public because the operators' CLI seeds the demo procurement through the same stores.
    /// </summary>
    public static IServiceCollection AddProcurementFeatures(this IServiceCollection services)
    {
        services.AddScoped<Features.Invitations.InvitationStore>();
        services.AddScoped<Features.Procurements.ProcurementScopes>();
        services.AddScoped<Features.Procurements.ProcurementStore>();
        services.AddScoped<Features.Participation.ParticipationStore>();
        services.AddScoped<Features.Specification.RequirementStore>();
        services.AddScoped<Features.Specification.SupportStore>();
        services.AddScoped<Features.Specification.CommentStore>();
        services.AddScoped<Features.Submissions.SubmissionStore>();
        services.AddScoped<Features.Merging.MergeRunStore>();
        services.AddScoped<Features.Merging.SuggestionStore>();
        services.AddScoped<Features.Merging.MergeStore>();
        services.AddScoped<Features.Triage.TriageQueries>();
        services.AddSingleton<Features.Triage.TriageCache>();
        services.AddScoped<Features.Import.ImportStore>();
        services.AddScoped<Features.Standards.StandardStore>();
        services.AddScoped<Features.StandardLinks.StandardLinkStore>();
        services.AddScoped<Features.StandardLinks.CoverageQueries>();
        services.AddScoped<Demo.DemoProcurementSeeder>();
        return services;
    }

    /// <summary>The background work of the web app.</summary>
    private static void AddBackgroundWork(IServiceCollection services)
    {
        services.AddSingleton<Features.Import.ImportRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<Features.Import.ImportRunner>());
        services.AddSingleton<Features.Merging.MergeAnalysisRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<Features.Merging.MergeAnalysisRunner>());
    }
}
