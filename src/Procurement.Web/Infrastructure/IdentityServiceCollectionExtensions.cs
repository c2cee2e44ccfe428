using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Procurement.Data.Identity;
using Procurement.Web.Infrastructure.Security;

namespace Procurement.Web.Infrastructure;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Identity on our Dapper stores, with the cookie and session hardening of ASVS level 2:
    /// __Host- cookies, server-side sessions with a new id at every sign-in, a 30-minute idle and 12-hour
    /// absolute limit, and the security stamp checked every minute so a password change signs out everywhere.
    /// </summary>
    public static IServiceCollection AddProcurementIdentity(this IServiceCollection services)
    {
        services.AddSingleton(sp => CookieNames.From(sp.GetRequiredService<IConfiguration>()));
        services.AddHttpContextAccessor();
        services.AddSingleton<DbTicketStore>();
        services.AddScoped<SessionQueries>();
        services.AddScoped<DummyPasswordHash>(); // the hasher it uses is scoped

        services.AddIdentity<AppUser, AppRole>(options =>
            {
                IdentitySetup.ConfigureOptions(options);
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
                options.Tokens.EmailConfirmationTokenProvider = EmailConfirmationTokenProvider.ProviderName;
            })
            .AddProcurementStores()
            .AddTokenProvider<DataProtectorTokenProvider<AppUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddTokenProvider<EmailConfirmationTokenProvider>(EmailConfirmationTokenProvider.ProviderName);

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<CookieNames>((options, cookies) =>
        {
            options.Cookie.Name = cookies.Authentication;
            cookies.Apply(options.Cookie);
            options.LoginPath = "/konto/logga-in";
            options.LogoutPath = "/konto/logga-ut";
            options.AccessDeniedPath = "/fel/403";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = DbTicketStore.IdleTimeout;
            options.SlidingExpiration = true;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                // A plain 403 (rendered by the error pages), not a redirect that hides what happened.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore>((options, store) => options.SessionStore = store);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme).Configure<CookieNames>((o, cookies) =>
        {
            o.Cookie.Name = cookies.TwoFactorUserId;
            cookies.Apply(o.Cookie);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme).Configure<CookieNames>((o, cookies) =>
        {
            o.Cookie.Name = cookies.TwoFactorRememberMe;
            cookies.Apply(o.Cookie);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme).Configure<CookieNames>((o, cookies) =>
        {
            o.Cookie.Name = cookies.External;
            cookies.Apply(o.Cookie);
        });

        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                // Keep the record that this sign-in used a second factor when the principal is rebuilt.
                var amr = context.CurrentPrincipal?.FindFirst(CurrentUser.AuthenticationMethodsClaim);
                if (amr is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity
                    && !identity.HasClaim(amr.Type, amr.Value))
                {
                    identity.AddClaim(new Claim(amr.Type, amr.Value));
                }

                return Task.CompletedTask;
            };
        });

        return services;
    }
}
