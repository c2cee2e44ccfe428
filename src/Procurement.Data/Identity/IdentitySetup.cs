using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Domain.Identity;

namespace Procurement.Data.Identity;

/// <summary>
/// Identity hardened to OWASP ASVS 4.0 level 2, shared by the web app and the CLI. Identity's defaults
/// fail it: 6-character passwords with composition rules, 100,000 PBKDF2 iterations, no common-password
/// check.
/// </summary>
public static class IdentitySetup
{
    public static void ConfigureOptions(IdentityOptions options)
    {
        options.Password.RequiredLength = PasswordPolicy.MinLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;

        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);

        options.User.RequireUniqueEmail = true;
        options.User.AllowedUserNameCharacters = ""; // user names are e-mail addresses, checked on their own
        options.SignIn.RequireConfirmedEmail = true;
        options.Tokens.AuthenticatorIssuer = "Samupphandling";
    }

    public static void ConfigureHasher(PasswordHasherOptions options)
    {
        options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
        options.IterationCount = PasswordPolicy.Pbkdf2Iterations; // older hashes are rehashed at sign-in
    }

    /// <summary>Stores, validators and messages; the caller adds sign-in and token providers where it needs them.</summary>
    public static IdentityBuilder AddProcurementStores(this IdentityBuilder builder)
    {
        builder.Services.Configure<PasswordHasherOptions>(ConfigureHasher);
        return builder
            .AddUserStore<UserStore>()
            .AddRoleStore<RoleStore>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<SwedishIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<ProcurementClaimsPrincipalFactory>();
    }
}
