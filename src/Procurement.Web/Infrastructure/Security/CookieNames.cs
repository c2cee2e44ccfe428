namespace Procurement.Web.Infrastructure.Security;

/// <summary>
/// Cookie names and flags. With <c>Security:SecureCookies</c> on (the default everywhere) every cookie
/// carries the <c>__Host-</c> prefix: browsers then only accept it when it is Secure, has Path=/ and no
/// Domain, so a sibling sub-domain cannot plant or read it (ASVS 3.4.4). Development over plain
/// http://localhost turns the setting off (appsettings.Development.json): no prefix, not Secure.
/// </summary>
public sealed class CookieNames(bool secure)
{
    public bool Secure { get; } = secure;

    public string Authentication => Name("procurement-auth");

    public string TwoFactorUserId => Name("procurement-2fa");

    public string TwoFactorRememberMe => Name("procurement-2fa-remember");

    public string External => Name("procurement-external");

    public string Antiforgery => Name("procurement-xsrf");

    public string Culture => Name("procurement-culture");

    public string TempData => Name("procurement-tempdata");

    public static CookieNames From(IConfiguration configuration) =>
        new(configuration.GetValue("Security:SecureCookies", true));

    public void Apply(CookieBuilder cookie, SameSiteMode sameSite = SameSiteMode.Lax)
    {
        cookie.SecurePolicy = Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.SameSite = sameSite;
    }

    private string Name(string name) => Secure ? "__Host-" + name : name;
}
