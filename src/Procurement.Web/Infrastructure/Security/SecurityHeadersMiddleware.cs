namespace Procurement.Web.Infrastructure.Security;

/// <summary>
/// Headers on every response. The CSP allows no inline script or style at all: every script and style
/// sheet is a file under wwwroot. HSTS is added by UseHsts outside development.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["X-Request-Id"] = context.TraceIdentifier;
            if (context.User.Identity?.IsAuthenticated == true)
            {
                headers.CacheControl = "no-store"; // signed-in pages hold personal data (ASVS 8.2.1)
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
